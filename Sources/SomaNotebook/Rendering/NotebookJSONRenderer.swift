import Foundation
import SomaLang

/// Renders an executed notebook as a Jupyter notebook (nbformat 4.5).
///
/// Prose becomes markdown cells; each code cell carries its outputs as
/// `stream`, `display_data` (figures as base64 PNG), `execute_result` and
/// `error`, so the file opens with its results in Jupyter, VS Code and GitHub.
public struct NotebookJSONRenderer {
    /// The prose's images, attached to the markdown cells that show them.
    public var images: ProseImages

    public init(images: ProseImages = ProseImages()) {
        self.images = images
    }

    public func render(_ executed: ExecutedNotebook) -> String {
        var cells: [JSONValue] = []
        var executionCount = 0
        var proseCount = 0
        for block in executed.blocks {
            switch block {
            case .prose(let text):
                let trimmed = text.trimmingBlankLines()
                guard !trimmed.isEmpty else { continue }
                proseCount += 1
                let (source, attached) = images.attachments(for: trimmed)
                var fields: [(String, JSONValue)] = [
                    ("cell_type", .string("markdown")),
                    ("id", .string("markdown-\(proseCount)")),
                    ("metadata", .object([])),
                    ("source", sourceLines(source)),
                ]
                if !attached.isEmpty {
                    fields.insert(("attachments", .object(attached.map { name, image in
                        (name, .object([(image.mime, .string(image.data.base64EncodedString()))]))
                    })), at: 0)
                }
                cells.append(.object(fields))
            case .cell(let cell, let result):
                let ran = result.status != .skipped && result.status != .notRun
                if ran { executionCount += 1 }
                cells.append(codeCell(cell, result, count: ran ? executionCount : nil))
            }
        }
        let notebook = JSONValue.object([
            ("cells", .array(cells)),
            ("metadata", .object([
                ("kernelspec", .object([
                    ("display_name", .string("Soma")),
                    ("language", .string("soma")),
                    ("name", .string("soma")),
                ])),
                ("language_info", .object([
                    ("file_extension", .string(".soma")),
                    ("mimetype", .string("text/x-soma")),
                    ("name", .string("soma")),
                ])),
            ])),
            ("nbformat", .int(4)),
            ("nbformat_minor", .int(5)),
        ])
        return notebook.serialized()
    }

    private func codeCell(_ cell: NotebookCell, _ result: CellResult, count: Int?) -> JSONValue {
        var metadata: [(String, JSONValue)] = []
        if !cell.options.echo { metadata.append(("jupyter", .object([("source_hidden", .bool(true))]))) }
        // papermill's tags, so the notebook still works with Jupyter tooling.
        if cell.options.isParameters { metadata.append(("tags", .array([.string("parameters")]))) }
        if cell.origin == .injectedParameters { metadata.append(("tags", .array([.string("injected-parameters")]))) }
        // The `#|` lines themselves, so `soma convert` restores every option.
        let options = cell.options.lines
        if !options.isEmpty { metadata.append(("soma", .object([("options", .array(options.map { .string($0) }))]))) }

        var outputs: [JSONValue] = []
        let output = result.output
        if !output.stream.isEmpty {
            outputs.append(.object([("name", .string("stdout")), ("output_type", .string("stream")),
                                    ("text", sourceLines(output.stream))]))
        }
        for figure in result.figures {
            outputs.append(.object([
                ("data", .object([
                    ("image/png", .string(figure.png.base64EncodedString())),
                    ("text/plain", .array([.string("<Figure \(figure.fileName)>")])),
                ])),
                ("metadata", .object([])),
                ("output_type", .string("display_data")),
            ]))
        }
        if let value = output.value, let count {
            outputs.append(.object([
                ("data", .object([("text/plain", sourceLines(value))])),
                ("execution_count", .int(count)),
                ("metadata", .object([])),
                ("output_type", .string("execute_result")),
            ]))
        }
        if let error = output.error {
            outputs.append(.object([
                ("ename", .string("error[\(error.kind)]")),
                ("evalue", .string(error.message)),
                ("output_type", .string("error")),
                ("traceback", .array(error.text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { .string(String($0)) })),
            ]))
        }
        let id = cell.origin == .injectedParameters ? "injected-parameters" : "cell-\(cell.number)"
        return .object([
            ("cell_type", .string("code")),
            ("execution_count", count.map { .int($0) } ?? .null),
            ("id", .string(id)),
            ("metadata", .object(metadata)),
            ("outputs", .array(outputs)),
            ("source", sourceLines(cell.code.trimmingTrailingLineBreaks())),
        ])
    }

    /// Text as nbformat's list of lines, each but the last keeping its `\n`.
    private func sourceLines(_ text: String) -> JSONValue {
        .array(text.linesKeepingBreaks().map { .string(String($0)) })
    }
}

extension String {
    /// The text without blank lines at its start and end.
    func trimmingBlankLines() -> String {
        var lines = linesKeepingBreaks()
        while let first = lines.first, first.trimmingWhitespace().isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingWhitespace().isEmpty { lines.removeLast() }
        return String(lines.joined().trimmingLineBreak())
    }

    /// The text without line breaks at its end.
    func trimmingTrailingLineBreaks() -> String {
        String(trimmingLineBreak())
    }
}
