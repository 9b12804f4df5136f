// Shared by the options page's sections.
export const button =
  'rounded bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50';
export const input = 'rounded border border-slate-300 px-2 py-1 text-sm';
