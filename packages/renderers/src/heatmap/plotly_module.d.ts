// plotly's distribution bundle ships no types; the API we use is typed in plotly_types.ts.
declare module 'plotly.js-cartesian-dist-min' {
  const plotly: unknown;
  export default plotly;
}
