import Foundation
import SomaLang

/// Writes a run's renderings and figures into `<out>/<stem>/`, whole: the
/// files go to the run's `OutputFolder` staging folder, which then replaces
/// the old output folder in one rename.
///
///     let writer = NotebookOutputWriter(root: URL(fileURLWithPath: "out"), formats: OutputFormat.allCases)
///     let folder = try writer.open(notebook)    // before any cell runs
///     let files = try writer.write(executed, into: folder)   // out/03-lif/03-lif.md, .html, .ipynb, cell2-fig1.png ...
public struct NotebookOutputWriter: Sendable {
    public var root: URL
    public var formats: [OutputFormat]
    /// Links the HTML page shows to the run's index and neighbouring notebooks.
    public var navigation: PageNavigation?

    public init(root: URL, formats: [OutputFormat], navigation: PageNavigation? = nil) {
        self.root = root
        self.formats = formats
        self.navigation = navigation
    }

    /// The folder a notebook's outputs go to.
    public func folder(for notebook: Notebook) -> URL {
        root.appendingPathComponent(notebook.stem, isDirectory: true)
    }

    /// Checks the notebook's output folder and takes it for this run (see `OutputFolder.open`).
    public func open(_ notebook: Notebook) throws -> OutputFolder {
        try OutputFolder.open(root: root, stem: notebook.stem, source: notebook.path, formats: formats)
    }

    /// Writes figures, then each rendering, into the staging folder and swaps it in.
    ///
    /// Files the notebook's code wrote into the output folder (`save`,
    /// `write_csv`) are part of the run's output and kept (a figure passed to
    /// `save` is also shown in the renderings, as every figure a cell touched
    /// is); files of earlier
    /// runs that this run did not write again are gone; files the user put in
    /// the folder are kept.
    ///
    /// - Returns: the files written, at their final places.
    ///
    /// Images the prose shows are carried along (see `ProseImages`): copied to
    /// the same relative path in the folder, inlined in the HTML, attached in
    /// the ipynb. One the file policy refuses is left out with a note in the
    /// HTML, and `warn` is told why; the run is not failed for it.
    @discardableResult
    public func write(_ executed: ExecutedNotebook, into folder: OutputFolder,
                      warn: (String) -> Void = { _ in }) throws -> [URL] {
        for (_, result) in executed.results {
            for figure in result.figures {
                try write(figure.png, folder.staging.appendingPathComponent(figure.fileName))
            }
        }
        var images = ProseImages.collect(executed)
        let renderings = Set(OutputFormat.allCases.map { "\(executed.notebook.stem).\($0.rawValue)" })
        for (target, image) in images.byTarget.sorted(by: { $0.key < $1.key }) {
            let url = folder.staging.appendingPathComponent(image.relativePath)
            if renderings.contains(image.relativePath) || FileManager.default.fileExists(atPath: url.path) {
                // The run's own output (a rendering, a file a cell wrote) keeps its place.
                images.byTarget[target] = nil
                images.refused.append((target, "the output folder already has a file \(image.relativePath) from this run"))
                continue
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: url.path, message: "cannot make the folder for an image: \(error.localizedDescription)")
            }
            try write(image.data, url)
        }
        for warning in images.warnings { warn("\(executed.notebook.path): \(warning)") }
        for format in formats {
            let url = folder.staging.appendingPathComponent("\(executed.notebook.stem).\(format.rawValue)")
            try write(Data(format.render(executed, navigation: navigation, images: images).utf8), url)
        }
        return try folder.commit()
    }

    /// Opens the folder, writes and commits in one step (for callers that
    /// ran the notebook without writing files from its cells).
    @discardableResult
    public func write(_ executed: ExecutedNotebook) throws -> [URL] {
        try write(executed, into: open(executed.notebook))
    }

    private func write(_ data: Data, _ url: URL) throws {
        do {
            try data.write(to: url)
        } catch {
            throw OutputError(path: url.path, message: "cannot write the file: \(error.localizedDescription)")
        }
    }
}
