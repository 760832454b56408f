// node --test server/src/test/js/observer/ : the geometry of the observer's load charts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chartGeometry, niceCeiling } from "../../../main/resources/observer/chart.js";

test("the scale's top is 1, 2 or 5 times a power of ten, at least the largest value and at least 1", () => {
  assert.deepEqual([0, 0.3, 1, 1.5, 2, 3, 7, 10, 11, 99, 250, 1e6 + 1].map(niceCeiling),
    [1, 1, 1, 2, 2, 5, 10, 10, 20, 100, 500, 2e6]);
});

test("x by time over the window ending at the newest sample, y from the bottom", () => {
  const samples = [{ at: 1000, v: 0 }, { at: 6000, v: 5 }, { at: 11000, v: 10 }];
  const g = chartGeometry(samples, "v", 100, 50, 10000);
  assert.equal(g.top, 10);
  assert.equal(g.last, 10);
  assert.equal(g.points, "0.0,50.0 50.0,25.0 100.0,0.0");
});

test("samples older than the window are left out, and no samples draw nothing", () => {
  const g = chartGeometry([{ at: 0, v: 100 }, { at: 9000, v: 1 }, { at: 10000, v: 2 }], "v", 10, 10, 2000);
  assert.equal(g.top, 2);
  assert.equal(g.points, "5.0,5.0 10.0,0.0");
  assert.deepEqual(chartGeometry([], "v", 10, 10, 1000), { points: "", top: 1, last: null });
});
