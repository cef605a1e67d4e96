/** Deterministic synthetic order logs for benchmarks (seeded; heavy-tailed spend). */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `rows` orders of `customers` customers over two years, as Sheets passes columns (2D arrays). */
export function syntheticOrders(rows: number, customers: number, seed = 42) {
  const rnd = mulberry32(seed);
  const start = Date.UTC(2023, 0, 1);
  const ids: string[][] = new Array(rows);
  const dates: Date[][] = new Array(rows);
  const amounts: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    // Zipf-like customer popularity: a few customers order a lot.
    const c = Math.floor(customers * rnd() ** 2.2);
    ids[i] = [`KH${String(c).padStart(6, '0')}`];
    dates[i] = [new Date(start + Math.floor(rnd() * 730) * 86_400_000 - 7 * 3_600_000)];
    amounts[i] = [Math.round(50_000 + 2_000_000 * rnd() ** 4)];
  }
  return { ids, dates, amounts };
}
