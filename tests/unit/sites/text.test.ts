import { describe, expect, it } from 'vitest';
import {
  cleanAuthor,
  cleanText,
  collapse,
  hasClass,
  isDescriptor,
  parseCount,
} from '../../../lib/sites/text';
import { parseHtml } from './helpers';

function el(html: string): Element {
  const doc = parseHtml(`<!DOCTYPE html><body><div id="x">${html}</div></body>`, 'https://arxiv.org/');
  const x = doc.getElementById('x');
  if (!x) throw new Error('no #x');
  return x;
}

// MathJax 2 HTML-CSS output as a browser leaves it (shape copied from arxiv-astro-ph-pastweek-2024-11-22.html).
const MJ_H0 =
  '<span class="MathJax_Preview" style="display: none;"></span><span class="MathJax" id="MathJax-Element-3-Frame" tabindex="0"><nobr><span class="math" id="MathJax-Span-13"><span class="mrow"><span class="msubsup"><span class="mi" style="font-family: MathJax_Math;">H</span><span class="mn">0</span></span></span></span></nobr></span><script type="math/tex" id="MathJax-Element-3">H_0</script>';

describe('collapse', () => {
  it('collapses all whitespace, NBSP included, and trims', () => {
    expect(collapse('  a \n\t b\u00a0\u00a0c  ')).toBe('a b c');
    expect(collapse('a b')).toBe('a b');
    expect(collapse('\n')).toBe('');
  });
});

describe('cleanText', () => {
  it('skips descriptors and collapses whitespace', () => {
    const x = el('<span class="descriptor">Title:</span>\n   Using machine learning to compress  $T(k)$\n');
    expect(cleanText(x, { skip: isDescriptor })).toBe('Using machine learning to compress $T(k)$');
    expect(cleanText(x)).toBe('Title: Using machine learning to compress $T(k)$');
  });

  it('restores the TeX of MathJax 2 output as $...$ and drops the rendering', () => {
    const x = el(`<span class="descriptor">Title:</span> Reevaluating ${MJ_H0} Tension`);
    expect(cleanText(x, { skip: isDescriptor })).toBe('Reevaluating $H_0$ Tension');
  });

  it('restores display math as $$...$$ (the script follows the MathJax_Display wrapper)', () => {
    const x = el(
      'A <span class="MathJax_Preview"></span><div class="MathJax_Display"><span class="MathJax">x²</span></div><script type="math/tex; mode=display">x^2</script> B',
    );
    expect(cleanText(x)).toBe('A $$x^2$$ B');
  });

  it('handles SVG and CHTML frames followed by their script', () => {
    const x = el(
      'a <span class="MathJax_SVG" id="MathJax-Element-1-Frame"><svg class="x"><g><text>α</text></g></svg></span><script type="math/tex">\\alpha</script> b <span class="MathJax_CHTML">β</span><script type="math/tex">\\beta</script>',
    );
    expect(cleanText(x)).toBe('a $\\alpha$ b $\\beta$');
  });

  it('without a TeX script, keeps the assistive MathML text, never the previews', () => {
    const x = el(
      'at <span class="MathJax_Preview">z\\sim2</span><span class="MathJax"><span class="math">z∼2</span><span class="MJX_Assistive_MathML"><math><mi>z</mi><mo>∼</mo><mn>2</mn></math></span></span> today',
    );
    expect(cleanText(x)).toBe('at z∼2 today');
  });

  it('reads MathJax 3 containers: data-latex when present, else the assistive MathML', () => {
    const v3 = el(
      'the <mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML"><mjx-math class="MJX-TEX"><mjx-c class="mjx-c1D43B"></mjx-c></mjx-math><mjx-assistive-mml><math><msub><mi>H</mi><mn>0</mn></msub></math></mjx-assistive-mml></mjx-container> tension',
    );
    expect(cleanText(v3)).toBe('the H0 tension');
    const v4 = el(
      'the <mjx-container class="MathJax" jax="SVG" data-latex="H_0"><svg></svg></mjx-container> tension',
    );
    expect(cleanText(v4)).toBe('the $H_0$ tension');
  });

  it('drops non-TeX scripts, styles and noscript', () => {
    expect(cleanText(el('a<script>var x = 1;</script><style>.a{}</style><noscript>no</noscript> b'))).toBe(
      'a b',
    );
  });

  it('applies skip at any depth', () => {
    const x = el('text <span class="search-hit">hit</span> more <a class="is-size-7">△ Less</a>');
    expect(cleanText(x, { skip: (e) => e.tagName === 'A' && !e.hasAttribute('href') })).toBe('text hit more');
  });

  it('does not modify the element', () => {
    const x = el(`T ${MJ_H0}`);
    const before = x.outerHTML;
    cleanText(x);
    expect(x.outerHTML).toBe(before);
  });

  it('returns empty for null', () => {
    expect(cleanText(null)).toBe('');
  });
});

describe('small helpers', () => {
  it('hasClass matches whole class tokens only', () => {
    const x = el('<div class="list-title mathjax"></div><div class="\n list-titles\n"></div>');
    const [a, b] = [x.children[0], x.children[1]];
    if (!a || !b) throw new Error('missing');
    expect(hasClass(a, 'list-title')).toBe(true);
    expect(hasClass(a, 'mathjax')).toBe(true);
    expect(hasClass(a, 'title')).toBe(false);
    expect(hasClass(b, 'list-title')).toBe(false);
    expect(hasClass(b, 'list-titles')).toBe(true);
  });

  it('cleanAuthor strips list punctuation', () => {
    expect(cleanAuthor(' Luca Panizzi ,')).toBe('Luca Panizzi');
    expect(cleanAuthor('\n Jordan\n  Thompson')).toBe('Jordan Thompson');
    expect(cleanAuthor(', and Ada Lovelace')).toBe('Ada Lovelace');
  });

  it('parseCount reads thousands separators', () => {
    expect(parseCount('77,800')).toBe(77800);
    expect(parseCount('5649')).toBe(5649);
    expect(parseCount('x')).toBeUndefined();
  });
});
