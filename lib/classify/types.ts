/** What the classifier reads of a paper. Listings without abstracts give the title only. */
export interface PaperText {
  title: string;
  abstract?: string;
  /** The paper's id (e.g. `arxiv:2401.01234`): lets a user's relevance mark on this paper decide its label. */
  id?: string;
}

/**
 * What the paper's text was: its title alone, the title and a fragment of the abstract (a search engine's
 * snippet, a truncated abstract), or the title and a whole abstract. See `textKindOf`.
 */
export type TextKind = 'title' | 'snippet' | 'abstract';

/** The model's verdict on one paper. */
export interface Classification {
  /** Topic ids whose score is at or above their threshold, in topic order. */
  labels: string[];
  /** Score in [0, 1] for every topic the model knows. */
  scores: Record<string, number>;
  /** For each label: the few terms or phrases of the title and abstract that carried it, strongest first. */
  evidence: Record<string, string[]>;
  /**
   * The text kind the built-in topics were scored from (their weights and calibration). Always set by the
   * classifier; optional only for classifications stored before it existed.
   */
  kind?: TextKind;
  /**
   * Topics decided with less than 80 % confidence by the calibration: labels scored below 0.8, and topics left
   * out with a score of 0.2 or more (the band around a threshold is [min(threshold, 0.2), max(threshold, 0.8))).
   * A topic in `labels` and here is an uncertain label; here but not in `labels`, a possible one. Papers the user
   * marked are never uncertain.
   */
  uncertain?: string[];
}

export interface TopicClassifier {
  /** Topic ids, in display order. */
  readonly topics: readonly string[];
  classify(paper: PaperText): Classification;
}
