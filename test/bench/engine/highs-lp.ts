// The independent check of optimal mode: every network the engine's min-cost flow solves is re-posed as a plain
// transportation LP (one column per allocation arc; one row per supply pool and per line) and solved by HiGHS.
// Test and benchmark only — the app never ships HiGHS.
import type { Highs, ModelData } from 'highs';
import type { GroupNetwork } from '../../../shared/engine/allocate/optimal';

/** A network reduced to LP data: arcs from a supply row (or none, for drop-ship) to a line row, with profit. */
export interface NetworkLp {
  readonly supplyCap: readonly number[];
  readonly lineCap: readonly number[];
  readonly arcSupply: readonly number[];
  readonly arcLine: readonly number[];
  readonly arcProfit: readonly number[];
  /** The engine's optimum for this network. */
  readonly engineProfit: number;
}

/** Extracts the LP data of a solved network (copied: the engine reuses the network's arrays for the next group). */
export function toLp(net: GroupNetwork, engineProfit: number): NetworkLp {
  return {
    supplyCap: net.poolCap.slice(0, net.poolCount),
    lineCap: net.lineCap.slice(0, net.lineCount),
    arcSupply: net.arcPool.slice(0, net.arcCount),
    arcLine: net.arcLine.slice(0, net.arcCount),
    arcProfit: net.arcProfit.slice(0, net.arcCount),
    engineProfit,
  };
}

/** One LP for many networks (block diagonal): maximise total profit. */
export function modelOf(highs: Highs, lps: readonly NetworkLp[]): ModelData {
  let cols = 0, rows = 0, nnz = 0;
  for (const lp of lps) {
    cols += lp.arcProfit.length;
    rows += lp.supplyCap.length + lp.lineCap.length;
    for (const s of lp.arcSupply) nnz += s >= 0 ? 2 : 1;
  }
  const colCost = new Float64Array(cols);
  const colLower = new Float64Array(cols);
  const colUpper = new Float64Array(cols).fill(highs.infinity);
  const rowLower = new Float64Array(rows).fill(-highs.infinity);
  const rowUpper = new Float64Array(rows);
  const starts = new Int32Array(cols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz).fill(1);
  let c = 0, r0 = 0, k = 0;
  for (const lp of lps) {
    const lineBase = r0 + lp.supplyCap.length;
    lp.supplyCap.forEach((cap, i) => (rowUpper[r0 + i] = cap));
    lp.lineCap.forEach((cap, i) => (rowUpper[lineBase + i] = cap));
    for (let a = 0; a < lp.arcProfit.length; a++) {
      colCost[c] = lp.arcProfit[a]!;
      starts[c] = k;
      // CSC: row indices ascending within a column (supply rows precede line rows).
      if (lp.arcSupply[a]! >= 0) indices[k++] = r0 + lp.arcSupply[a]!;
      indices[k++] = lineBase + lp.arcLine[a]!;
      c++;
    }
    r0 = lineBase + lp.lineCap.length;
  }
  starts[cols] = k;
  return {
    numCols: cols, numRows: rows, sense: highs.constants.objectiveSense.maximize, colCost, colLower, colUpper, rowLower, rowUpper,
    matrix: { format: 'csc', numRows: rows, numCols: cols, starts, indices, values },
  };
}

/** Solves the networks as one LP with HiGHS; returns its optimal objective. */
export function solveWithHighs(highs: Highs, lps: readonly NetworkLp[]): number {
  // No arcs at all: nothing can be allocated (HiGHS itself refuses an empty model).
  if (lps.every((lp) => lp.arcProfit.length === 0)) return 0;
  return highs.withModel(modelOf(highs, lps), (model) => {
    model.options.set({ output_flag: false });
    model.run();
    const status = model.getModelStatus();
    if (status !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS did not find an optimum (model status ${String(status)})`);
    return model.getObjectiveValue();
  });
}
