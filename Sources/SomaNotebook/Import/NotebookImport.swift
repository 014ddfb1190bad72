import Foundation
import SomaLang

/// Turns a Jupyter notebook written in Soma back into a Markdown notebook:
/// code cells become ```soma fences, markdown cells become prose, outputs are dropped.
///
///     let markdown = try NotebookImport.markdown(fromIPYNB: data, path: "demo.ipynb")
public enum NotebookImport {
    /// Converts ipynb JSON to notebook Markdown.
    ///
    /// - Throws: `NotebookError` when the data is not an nbformat 4 notebook
    ///   or its kernel language is not Soma.
    public static func markdown(fromIPYNB data: Data, path: String) throws(NotebookError) -> String {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw NotebookError(path: path, message: "not valid JSON (\(error.localizedDescription))")
        }
        guard let root = json as? [String: Any], let cells = root["cells"] as? [Any] else {
            throw NotebookError(path: path, message: "not a Jupyter notebook: no 'cells' list")
        }
        if let major = root["nbformat"] as? Int, major < 4 {
            throw NotebookError(path: path, message: "nbformat \(major) is too old; save it as nbformat 4 first")
        }
        if let language = Self.language(of: root), language.lowercased() != "soma" {
            throw NotebookError(path: path, message: "the notebook's language is '\(language)', not Soma")
        }
        var pieces: [String] = []
        for (index, item) in cells.enumerated() {
            guard let cell = item as? [String: Any], let type = cell["cell_type"] as? String else {
                throw NotebookError(path: path, message: "cell \(index + 1) has no cell_type")
            }
            let source = try Self.source(of: cell, index: index, path: path)
            switch type {
            case "code":
                // A cell `soma run --param` injected is output, not source.
                if Self.tags(of: cell).contains("injected-parameters") { continue }
                pieces.append(fenced(Self.options(of: cell) + source, info: "soma"))
            case "markdown", "raw":
                let text = source.trimmingBlankLines()
                if !text.isEmpty { pieces.append(text + "\n") }
            default:
                throw NotebookError(path: path, message: "cell \(index + 1) has unknown cell_type '\(type)'")
            }
        }
        return pieces.joined(separator: "\n")
    }

    /// The kernel's language from `language_info.name` or `kernelspec.language`.
    private static func language(of root: [String: Any]) -> String? {
        let metadata = root["metadata"] as? [String: Any]
        if let info = metadata?["language_info"] as? [String: Any], let name = info["name"] as? String { return name }
        if let spec = metadata?["kernelspec"] as? [String: Any], let name = spec["language"] as? String { return name }
        return nil
    }

    /// A cell's source, which nbformat allows as one string or a list of lines.
    private static func source(of cell: [String: Any], index: Int, path: String) throws(NotebookError) -> String {
        switch cell["source"] {
        case let text as String: return text
        case let lines as [Any]:
            var text = ""
            for line in lines {
                guard let line = line as? String else {
                    throw NotebookError(path: path, message: "cell \(index + 1) has a source line that is not text")
                }
                text += line
            }
            return text
        case nil: return ""
        default: throw NotebookError(path: path, message: "cell \(index + 1) has a source that is not text")
        }
    }

    private static func tags(of cell: [String: Any]) -> [String] {
        (cell["metadata"] as? [String: Any])?["tags"] as? [String] ?? []
    }

    /// `#|` lines restoring the options `soma run` kept in a code cell's metadata,
    /// or those Jupyter's own metadata implies (papermill's parameters tag, a hidden source).
    private static func options(of cell: [String: Any]) -> String {
        let metadata = cell["metadata"] as? [String: Any]
        let soma = metadata?["soma"] as? [String: Any]
        if let lines = soma?["options"] as? [String] {
            return lines.filter { $0.hasPrefix("#|") && !$0.contains("\n") }.map { $0 + "\n" }.joined()
        }
        var lines = ""
        if tags(of: cell).contains("parameters") { lines += "#| parameters\n" }
        if let jupyter = metadata?["jupyter"] as? [String: Any], jupyter["source_hidden"] as? Bool == true {
            lines += "#| echo: false\n"
        }
        return lines
    }
}
