// World sizes. Counts are targets; the generator hits the line count exactly.

export const SCALES = {
  small: { skus: 400, regions: 3, warehousesPerRegion: 2, customers: 120, lines: 1_000, suppliers: 12 },
  medium: { skus: 3_000, regions: 4, warehousesPerRegion: 3, customers: 800, lines: 20_000, suppliers: 40 },
  large: { skus: 10_000, regions: 4, warehousesPerRegion: 5, customers: 2_500, lines: 100_000, suppliers: 120 },
} as const;
export type Scale = keyof typeof SCALES;
export type ScaleParams = (typeof SCALES)[Scale];

export function isScale(value: unknown): value is Scale {
  return typeof value === 'string' && Object.hasOwn(SCALES, value);
}
