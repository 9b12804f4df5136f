/** What the classifier reads of a paper. Listings without abstracts give the title only. */
export interface PaperText {
  title: string;
  abstract?: string;
  /** The paper's id (e.g. `arxiv:2401.01234`): lets a user's relevance mark on this paper decide its label. */
  id?: string;
}

/** The model's verdict on one paper. */
export interface Classification {
  /** Topic ids whose score is at or above their threshold, in topic order. */
  labels: string[];
  /** Score in [0, 1] for every topic the model knows. */
  scores: Record<string, number>;
  /** For each label: the few terms or phrases of the title and abstract that carried it, strongest first. */
  evidence: Record<string, string[]>;
}

export interface TopicClassifier {
  /** Topic ids, in display order. */
  readonly topics: readonly string[];
  classify(paper: PaperText): Classification;
}
