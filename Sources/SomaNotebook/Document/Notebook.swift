/// A Markdown notebook split into prose and Soma code cells.
///
/// Prose keeps its exact text (line breaks included) so renderers can pass it
/// through untouched; cells keep where they sit in the file so diagnostics
/// point at notebook lines.
///
///     let notebook = try Notebook(parsing: text, path: "Notebooks/02-lif.md")
///     for cell in notebook.cells { print(cell.number, cell.code) }
public struct Notebook: Equatable, Sendable {
    /// The path shown in diagnostics and progress lines.
    public var path: String
    /// Prose and cells in file order.
    public var blocks: [NotebookBlock]

    public init(path: String, blocks: [NotebookBlock]) {
        self.path = path
        self.blocks = blocks
    }

    /// The code cells in file order.
    public var cells: [NotebookCell] {
        blocks.compactMap { block in
            if case .cell(let cell) = block { return cell }
            return nil
        }
    }

    /// The file name without directories or extension, used to name outputs.
    public var stem: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}

/// One piece of a notebook: prose or a code cell.
public enum NotebookBlock: Equatable, Sendable {
    /// Markdown text passed through as written, line breaks included.
    case prose(String)
    case cell(NotebookCell)
}

/// A fenced `soma` block of a notebook.
public struct NotebookCell: Equatable, Sendable {
    /// Where a cell came from.
    public enum Origin: Equatable, Sendable {
        /// Written in the notebook file.
        case file
        /// Injected after the `#| parameters` cell from `--param` values.
        case injectedParameters
    }

    /// 1-based position among the notebook's code cells (0 for an injected cell).
    public var number: Int
    public var options: CellOptions
    /// The code without its `#|` option lines; ends with a line break unless empty.
    public var code: String
    /// The line in the notebook file where `code` starts (1-based).
    public var firstLine: Int
    public var origin: Origin

    public init(number: Int, options: CellOptions = CellOptions(), code: String,
                firstLine: Int, origin: Origin = .file) {
        self.number = number
        self.options = options
        self.code = code
        self.firstLine = firstLine
        self.origin = origin
    }

    /// How progress lines and errors name the cell: `cell 3` or `cell 3 (train)`.
    public var label: String {
        switch origin {
        case .injectedParameters:
            return "injected parameters"
        case .file:
            if let name = options.name { return "cell \(number) (\(name))" }
            return "cell \(number)"
        }
    }

    /// The stem of this cell's figure files: the cell's name or `cellN`.
    public var figureStem: String {
        switch origin {
        case .injectedParameters: return "parameters"
        case .file: return options.name ?? "cell\(number)"
        }
    }
}
