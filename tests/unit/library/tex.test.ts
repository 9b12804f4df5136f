import { describe, expect, it } from 'vitest';
import { mathToText, parseTex, script, texToText } from '../../../lib/library/tex';

// Real titles with TeX, as arXiv, Hugging Face and OpenReview give them (shared/data/papers.jsonl), and how the
// popup shows them.
const REAL: [string, string][] = [
  [
    'M$^3$-Gen: Interpretable Multimodal Generation of Gene Expression Profiles Using Clinical and Imaging Data',
    'M³-Gen: Interpretable Multimodal Generation of Gene Expression Profiles Using Clinical and Imaging Data',
  ],
  [
    'Echo-E$^3$Net: Efficient Endo-Epi Spatio-Temporal Network',
    'Echo-E³Net: Efficient Endo-Epi Spatio-Temporal Network',
  ],
  [
    '$L^2$FMamba: Lightweight Light Field Image Super-Resolution',
    'L²FMamba: Lightweight Light Field Image Super-Resolution',
  ],
  ['X$^{2}$-Gaussian: 4D Radiative Gaussian Splatting', 'X²-Gaussian: 4D Radiative Gaussian Splatting'],
  ['H$^{\\mathbf{3}}$DP: Triply-Hierarchical Diffusion Policy', 'H³DP: Triply-Hierarchical Diffusion Policy'],
  ['SGG-R$^{\\rm 3}$: From Next-Token Prediction', 'SGG-R³: From Next-Token Prediction'],
  [
    'T$^\\text{3}$SVFND: Towards an Evolving Fake News Detector',
    'T³SVFND: Towards an Evolving Fake News Detector',
  ],
  ['H$_{2}$OT: Hierarchical Hourglass Tokenizer', 'H₂OT: Hierarchical Hourglass Tokenizer'],
  ['A$_3$B$_2$: Adaptive Asymmetric Adapter', 'A₃B₂: Adaptive Asymmetric Adapter'],
  [
    '$\\alpha$-MDF: An Attention-based Multimodal Differentiable Filter',
    'α-MDF: An Attention-based Multimodal Differentiable Filter',
  ],
  ['Just Dance with $π$! A Poly-modal Inductor', 'Just Dance with π! A Poly-modal Inductor'],
  [
    'Matrix Completion from $O(n)$ Samples in Linear Time',
    'Matrix Completion from O(n) Samples in Linear Time',
  ],
  [
    'BEER: Fast $O(1/T)$ Rate for Decentralized Nonconvex Optimization',
    'BEER: Fast O(1/T) Rate for Decentralized Nonconvex Optimization',
  ],
  ['Thompson Sampling Achieves $\\tilde{O}(\\sqrt{T})$ Regret', 'Thompson Sampling Achieves Õ(√T) Regret'],
  ['$\\mathbb{R}^{2k}$ is Theoretically Large Enough', 'ℝ²ᵏ is Theoretically Large Enough'],
  ['$\\mathcal{S}^2$IT: Stepwise Syntax Integration Tuning', '𝒮²IT: Stepwise Syntax Integration Tuning'],
  [
    'Learning Polynomial Problems with $SL(2, \\mathbb{R})$-Equivariance',
    'Learning Polynomial Problems with SL(2, ℝ)-Equivariance',
  ],
  ['A Survey of LLM $\\times$ DATA', 'A Survey of LLM × DATA'],
  ['Capability $\\neq$ Interpretability', 'Capability ≠ Interpretability'],
  ['$\\infty$-MoE: Generalizing Mixture of Experts', '∞-MoE: Generalizing Mixture of Experts'],
  [
    '$\\nabla$NABLA: Neighborhood Adaptive Block-Level Attention',
    '∇NABLA: Neighborhood Adaptive Block-Level Attention',
  ],
  ['The Tell-Tale Norm: $\\ell_2$ Magnitude as a Signal', 'The Tell-Tale Norm: ℓ₂ Magnitude as a Signal'],
  [
    'Exclusive Feature Learning on Arbitrary Structures via $\\ell_{1,2}$-norm',
    'Exclusive Feature Learning on Arbitrary Structures via ℓ₁,₂-norm',
  ],
  ['Towards certifying $\\ell_\\infty$ robustness', 'Towards certifying ℓ_∞ robustness'],
  ['Online RL in Linearly $q^\\pi$-Realizable MDPs', 'Online RL in Linearly q^π-Realizable MDPs'],
  [
    '$MV_{Hybrid}$: Improving Spatial Transcriptomics Prediction',
    'MV_(Hybrid): Improving Spatial Transcriptomics Prediction',
  ],
  [
    '$\\boldsymbolμ\\mathbf{P^2}$: Effective Sharpness Aware Minimization',
    'μP²: Effective Sharpness Aware Minimization',
  ],
  [
    '$\\textrm{ODE}_t \\left(\\textrm{ODE}_l \\right)$: Shortcutting the Time',
    'ODEₜ(ODEₗ): Shortcutting the Time',
  ],
  [
    'in $l_\\alpha$ ($0<\\alpha\\leq 2$) Using Stable Random Projections',
    'in l_α (0 < α ≤ 2) Using Stable Random Projections',
  ],
  ['Universality of the $π^2/6$ Pathway', 'Universality of the π²/6 Pathway'],
  [
    'Better Together: Resnet-50 accuracy with $13 \\times $ fewer parameters',
    'Better Together: Resnet-50 accuracy with 13× fewer parameters',
  ],
  [
    'SAM$^{*}$: Task-Adaptive SAM with Physics-Guided Rewards',
    'SAM*: Task-Adaptive SAM with Physics-Guided Rewards',
  ],
  ['Adam$^+$: A Stochastic Method', 'Adam⁺: A Stochastic Method'],
  [
    '$q\\texttt{POTS}$: Efficient Batch Multiobjective Bayesian Optimization',
    'qPOTS: Efficient Batch Multiobjective Bayesian Optimization',
  ],
  // Text commands, escapes, accents, braces, ties, dashes and quotes outside maths.
  ['\\textsc{SimInstruct}: A Responsible Tool', 'SimInstruct: A Responsible Tool'],
  [
    'DiM\\textsuperscript{3}: Bridging Multilingual and Multimodal Models',
    'DiM³: Bridging Multilingual and Multimodal Models',
  ],
  [
    'Mer\\underline{K}ury: Adaptive Resource Allocation to Enhance the \\underline{K}ubernetes Performance',
    'MerKury: Adaptive Resource Allocation to Enhance the Kubernetes Performance',
  ],
  [
    'Evaluation of a Sign Language Avatar on Comprehensibility, User Experience \\& Acceptability',
    'Evaluation of a Sign Language Avatar on Comprehensibility, User Experience & Acceptability',
  ],
  [
    "techniques adapted to a selection of objects from the Mus{é}e d'Arch{é}ologie Nationale",
    "techniques adapted to a selection of objects from the Musée d'Archéologie Nationale",
  ],
  [
    'When can we rank well from comparisons of O(n\\log(n)) non-actively chosen pairs?',
    'When can we rank well from comparisons of O(n log(n)) non-actively chosen pairs?',
  ],
  [
    'Asymptotic behavior of \\ell_p-based Laplacian regularization',
    'Asymptotic behavior of ℓ_p-based Laplacian regularization',
  ],
  ['\\ECUAS{n}: A family of metrics', 'ECUASn: A family of metrics'],
  ['Dr.~RTL: Autonomous Agentic RTL Optimization', 'Dr. RTL: Autonomous Agentic RTL Optimization'],
  [
    '4K-Resolution Photo Exposure Correction at 125 FPS With ~8K Parameters',
    '4K-Resolution Photo Exposure Correction at 125 FPS With ~8K Parameters',
  ],
  [
    "``The Squawk Bot'': Joint Learning of Time Series and Text Data",
    '“The Squawk Bot”: Joint Learning of Time Series and Text Data',
  ],
  [
    'SemEval-2025 Task 1: AdMIRe -- Advancing Multimodal Idiomaticity Representation',
    'SemEval-2025 Task 1: AdMIRe – Advancing Multimodal Idiomaticity Representation',
  ],
  // Plain titles come back as they are.
  [
    'LVLM_CSP: Accelerating Large Vision Language Models',
    'LVLM_CSP: Accelerating Large Vision Language Models',
  ],
  ['FA^{3}-CLIP: Frequency-Aware Cues Fusion', 'FA^3-CLIP: Frequency-Aware Cues Fusion'],
  ['sudo rm -rf agentic_security', 'sudo rm -rf agentic_security'],
  [
    'Beyond the Frame: Generating 360° Panoramic Videos',
    'Beyond the Frame: Generating 360° Panoramic Videos',
  ],
  [
    'VideoAds for Fast-Paced Video Understanding: Where Opensource Foundation Models Beat GPT-4o & Gemini-1.5 Pro',
    'VideoAds for Fast-Paced Video Understanding: Where Opensource Foundation Models Beat GPT-4o & Gemini-1.5 Pro',
  ],
];

describe('texToText', () => {
  it.each(REAL)('%s', (title, shown) => {
    expect(texToText(title)).toBe(shown);
  });

  it('keeps what is not TeX: a lone $, markup-like text (shown as text, never as HTML), whitespace collapsed', () => {
    expect(texToText('Pricing at $5 per   query')).toBe('Pricing at $5 per query');
    expect(texToText('Why <b>bold</b> & <script>x</script>?')).toBe('Why <b>bold</b> & <script>x</script>?');
    expect(texToText('An unbalanced { brace')).toBe('An unbalanced { brace');
    expect(texToText('a stray } one')).toBe('a stray } one');
    expect(texToText('trailing backslash \\')).toBe('trailing backslash \\');
  });

  it('writes scripts in Unicode where every character has one, else with ^ or _', () => {
    expect(script('^', '2k')).toBe('²ᵏ');
    expect(script('_', 'ij')).toBe('ᵢⱼ');
    expect(script('^', 'π')).toBe('^π');
    expect(script('_', 'Hybrid')).toBe('_(Hybrid)');
    expect(script('^', '*')).toBe('*');
    expect(mathToText('\\frac{1}{n} \\sum_{i=1}^{n} x_i')).toBe('1/n∑ᵢ₌₁ⁿxᵢ');
    expect(mathToText("f'(x)\\to\\mathbb{N}")).toBe('f′(x) → ℕ');
  });
});

describe('parseTex', () => {
  it('tells maths, groups, text commands, escaped characters and unknown commands from plain text', () => {
    expect(parseTex('M$^3$-Gen: \\textsc{A} {B} \\& \\"o \\ECUAS{n} 5$')).toEqual([
      { kind: 'text', text: 'M' },
      { kind: 'math', tex: '^3', open: '$', close: '$' },
      { kind: 'text', text: '-Gen: ' },
      { kind: 'command', name: 'textsc', parts: [{ kind: 'text', text: 'A' }] },
      { kind: 'text', text: ' ' },
      { kind: 'group', parts: [{ kind: 'text', text: 'B' }] },
      { kind: 'text', text: ' ' },
      { kind: 'char', tex: '\\&', text: '&' },
      { kind: 'text', text: ' ' },
      { kind: 'char', tex: '\\"o', text: 'ö' },
      { kind: 'text', text: ' ' },
      { kind: 'other', tex: '\\ECUAS{n}', name: 'ECUAS', parts: [{ kind: 'text', text: 'n' }] },
      { kind: 'text', text: ' 5$' },
    ]);
    // Maths whose braces BibTeX would not balance is no maths.
    expect(parseTex('$\\{x$')).toEqual([
      { kind: 'text', text: '$' },
      { kind: 'char', tex: '\\{', text: '{' },
      { kind: 'text', text: 'x$' },
    ]);
  });
});
