import Foundation

/// Writes a run's renderings and figures into `<out>/<stem>/`.
///
///     let files = try NotebookOutputWriter(root: URL(fileURLWithPath: "out"), formats: OutputFormat.allCases)
///         .write(executed)   // out/03-lif/03-lif.md, .html, .ipynb, cell2-fig1.png ...
public struct NotebookOutputWriter {
    public var root: URL
    public var formats: [OutputFormat]

    public init(root: URL, formats: [OutputFormat]) {
        self.root = root
        self.formats = formats
    }

    /// The folder a notebook's outputs go to.
    public func folder(for notebook: Notebook) -> URL {
        root.appendingPathComponent(notebook.stem, isDirectory: true)
    }

    /// Writes figures first, then each rendering, every file atomically.
    ///
    /// Figures left from an earlier run of the same notebook that this run
    /// did not produce are removed, so the folder matches the renderings.
    ///
    /// - Returns: the files written.
    @discardableResult
    public func write(_ executed: ExecutedNotebook) throws -> [URL] {
        let folder = folder(for: executed.notebook)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder.path, message: "cannot create the output folder")
        }
        var written: [URL] = []
        var figureNames: Set<String> = []
        for (_, result) in executed.results {
            for figure in result.figures {
                let url = folder.appendingPathComponent(figure.fileName)
                try AtomicFile.write(figure.png, to: url)
                written.append(url)
                figureNames.insert(figure.fileName)
            }
        }
        removeStaleFigures(in: folder, keeping: figureNames)
        for format in formats {
            let url = folder.appendingPathComponent("\(executed.notebook.stem).\(format.rawValue)")
            try AtomicFile.write(Data(format.render(executed).utf8), to: url)
            written.append(url)
        }
        return written
    }

    /// Removes `*-figN.png` files this run did not write.
    private func removeStaleFigures(in folder: URL, keeping names: Set<String>) {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for file in files where file.hasSuffix(".png") && !names.contains(file) {
            let stem = file.dropLast(4)
            guard let dash = stem.range(of: "-fig", options: .backwards),
                  !stem[dash.upperBound...].isEmpty,
                  stem[dash.upperBound...].allSatisfy(\.isNumber) else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(file))
        }
    }
}
