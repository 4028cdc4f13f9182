// What the demo page's main thread does in its long tasks while it loads a large pair of
// documents: the drop of e2e/large.test.mjs, with a Chromium trace taken from the drop until the
// board is usable. For each main-thread task over 40 ms it prints the task's length, when it
// started (ms after the drop), and the trace events inside it that took the longest (garbage
// collection, layout, paint, script), so that a long task the Long Tasks API reports without
// attribution can be told apart. A diagnosis, not a benchmark: tracing slows the page.
//
//   make pkg && node bench/load-trace.mjs [RUNS] [DATA_DIR]     (default: 3 runs, bench/out/data/x1)
//
// DATA_DIR holds the generator's roster.json and credentials.json (`node bench/generate.mjs
// --seed 1 --scale 1 --out DIR`; `node bench/run.mjs --scales 1` writes bench/out/data/x1): its
// employees' ids (e-00…) tell the new board from the sample's.
import { join } from "node:path";
import { existsSync } from "node:fs";
import { startDemo, openDemo } from "../e2e/harness.mjs";

const runs = Number(process.argv[2] || 3);
const dir = process.argv[3] || join(import.meta.dirname ?? ".", "out", "data", "x1");
if (!existsSync(join(dir, "roster.json"))) {
  console.error(`load-trace: no ${join(dir, "roster.json")}: generate it with node bench/generate.mjs --seed 1 --scale 1 --out ${dir}`);
  process.exit(2);
}
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.gc", "toplevel", "blink.user_timing"];

const demo = await startDemo();
try {
  for (let r = 1; r <= runs; r++) {
    const { page, context } = await openDemo(demo, { width: 1440, height: 900 });
    await demo.browser.startTracing(page, { categories: CATEGORIES });
    await page.evaluate(() => document.body.append(Object.assign(document.createElement("input"), { type: "file", multiple: true, id: "trace-files", hidden: true })));
    await page.setInputFiles("#trace-files", [join(dir, "roster.json"), join(dir, "credentials.json")]);
    const t0 = await page.evaluate(() => {
      const input = document.getElementById("trace-files");
      const dt = new DataTransfer();
      for (const f of input.files) dt.items.add(f);
      input.remove();
      document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      return performance.timeOrigin + performance.now();
    });
    const usable = await (await page.waitForFunction(() => !document.body.dataset.busy && document.querySelector('tr[data-emp^="e-00"]') && performance.timeOrigin + performance.now(), null, { polling: "raf", timeout: 120_000 })).jsonValue();
    const events = JSON.parse((await demo.browser.stopTracing()).toString()).traceEvents;
    await context.close();
    console.log(`run ${r}: usable ${Math.round(usable - t0)} ms after the drop`);
    for (const line of longTasks(events)) console.log(`  ${line}`);
  }
} finally {
  await demo.stop();
}

/** The renderer main thread's tasks over 40 ms, each with its heaviest inner events. */
function longTasks(events) {
  const threads = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === "X" && threads.has(`${e.pid}:${e.tid}`));
  // The trace's clock is not the page's: tasks are placed relative to the first one traced.
  const origin = Math.min(...onMain.map((e) => e.ts));
  const tasks = onMain.filter((e) => e.name === "ThreadControllerImpl::RunTask" && e.dur > 40_000);
  if (!tasks.length) return ["no main-thread task over 40 ms"];
  return tasks.map((t) => {
    const inner = new Map();
    for (const e of onMain) {
      if (e === t || e.ts < t.ts || e.ts + (e.dur ?? 0) > t.ts + t.dur || (e.dur ?? 0) < 2_000) continue;
      inner.set(e.name, Math.max(inner.get(e.name) ?? 0, e.dur));
    }
    const top = [...inner].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, d]) => `${name} ${Math.round(d / 1000)}`);
    return `${Math.round(t.dur / 1000)} ms at +${Math.round((t.ts - origin) / 1000)} ms of the trace: ${top.join(", ")}`;
  });
}
