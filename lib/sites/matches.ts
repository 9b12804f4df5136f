/**
 * The pages the content script is injected into: only the supported sites' paper pages (the extension asks for no
 * other host access). Each adapter's `matches` then decides precisely.
 */
export const CONTENT_MATCHES = [
  'https://arxiv.org/list/*',
  'https://arxiv.org/search*',
  'https://arxiv.org/abs/*',
  'https://www.arxiv.org/list/*',
  'https://www.arxiv.org/search*',
  'https://www.arxiv.org/abs/*',
  'https://huggingface.co/papers*',
] as const;
