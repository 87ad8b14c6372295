/**
 * `#uap-regexes` (package.json "imports"): the text of uap-core's regexes.yaml, read synchronously in every host.
 * The "browser" condition (the Vite-built worker) takes uap-regexes-browser.ts, which bundles the file as a string;
 * "default" (vitest and the tsx scenario CLI, both Node) takes uap-regexes-node.ts, which reads it from
 * node_modules. The core type-checks against this declaration only ("types"), so it names neither host.
 */
export declare function uapRegexesYaml(): string
