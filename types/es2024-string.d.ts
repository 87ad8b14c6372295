// ES2024's String.prototype.isWellFormed, which the ES2022 library the project compiles against lacks: Node 20
// and every Chromium the site supports (111 and later) have it.
interface String {
  isWellFormed(): boolean
}
