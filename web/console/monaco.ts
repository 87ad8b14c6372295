/**
 * Monaco set-up for the console: a plain-text model (course notes are pasted as they are, so nothing
 * auto-closes or auto-indents), Ctrl/Cmd+Enter to run the command under the cursor, Ctrl+C with no
 * selection to interrupt a running tool, as in a terminal.
 */
import * as monaco from 'monaco-editor/editor/editor.api'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'

self.MonacoEnvironment = { getWorker: () => new EditorWorker() }

export interface EditorHandlers {
  onChange(text: string): void
  onCursor(cursor: { offset: number; line: number }): void
  onRunAtCursor(cursor: { offset: number; line: number }): void
  onInterrupt(): void
}

export function createEditor(
  host: HTMLElement,
  text: string,
  handlers: EditorHandlers,
): monaco.editor.IStandaloneCodeEditor {
  const editor = monaco.editor.create(host, {
    value: text,
    language: 'plaintext',
    theme: 'vs-dark',
    automaticLayout: true,
    minimap: { enabled: false },
    autoClosingBrackets: 'never',
    autoClosingQuotes: 'never',
    autoIndent: 'none',
    formatOnType: false,
    wordWrap: 'on',
    fontSize: 14,
    scrollBeyondLastLine: false,
  })
  const model = editor.getModel()
  editor.onDidChangeModelContent(() => handlers.onChange(editor.getValue()))
  editor.onDidChangeCursorPosition(({ position }) => {
    if (model) handlers.onCursor({ offset: model.getOffsetAt(position), line: position.lineNumber })
  })
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
    const position = editor.getPosition()
    if (model && position)
      handlers.onRunAtCursor({ offset: model.getOffsetAt(position), line: position.lineNumber })
  })
  editor.addCommand(monaco.KeyMod.WinCtrl | monaco.KeyCode.KeyC, () => {
    const selection = editor.getSelection()
    if (selection && !selection.isEmpty()) {
      void navigator.clipboard.writeText(model?.getValueInRange(selection) ?? '')
      return
    }
    handlers.onInterrupt()
  })
  editor.focus()
  return editor
}
