declare module 'parse-prometheus-text-format' {
  /** Metric families as prom2json prints them: name, help, type, and one object per sample. */
  export default function parse(text: string): unknown[];
}
