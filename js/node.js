// credgate for Node.js: the same WebAssembly and glue as the browser build, instantiated
// synchronously from the file next to this one, so `import { Engine } from "credgate"` is
// ready at once.
import { readFileSync } from "node:fs";
import * as glue from "./credgate.js";
import { guard } from "./guard.js";

glue.initSync({ module: readFileSync(new URL("./credgate_bg.wasm", import.meta.url)) });

export const Engine = guard(glue);
