// The benches' rounding of printed figures: to `digits` decimals (one by default).
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
