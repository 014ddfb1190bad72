import Foundation
import Testing
@testable import SomaNotebook

/// Images shown by the prose are carried into every rendering, within the file policy.
@Suite struct ProseImagesTests {
    private let svg = Data("<?xml version=\"1.0\"?>\n<!-- d -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)

    /// A notebook folder with `images/x.png`, a secret beside the folder and a link out to it.
    private func folder() throws -> (root: URL, notebook: URL) {
        let root = try Sample.scratchFolder()
        let lab = root.appendingPathComponent("lab")
        try FileManager.default.createDirectory(at: lab.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Sample.png.write(to: lab.appendingPathComponent("images/x.png"))
        try svg.write(to: lab.appendingPathComponent("images/d.svg"))
        try Data("not an image".utf8).write(to: lab.appendingPathComponent("images/fake.png"))
        try Sample.png.write(to: root.appendingPathComponent("secret.png"))
        try FileManager.default.createSymbolicLink(atPath: lab.appendingPathComponent("images/out.png").path,
                                                   withDestinationPath: root.appendingPathComponent("secret.png").path)
        let prose = """
            # Lab
            ![diagram](images/x.png) and <img src="images/d.svg" alt="d">
            ![up](../secret.png) ![abs](\(root.path)/secret.png) ![link](images/out.png) ![fake](images/fake.png)
            `![code](images/x.png)` ![web](https://example.com/a.png)

            """
        let notebook = lab.appendingPathComponent("lab.md")
        try (prose + "```soma\nprint(1)\n```\n").write(to: notebook, atomically: true, encoding: .utf8)
        return (root, notebook)
    }

    private func executed(_ notebook: URL) throws -> ExecutedNotebook {
        let parsed = try Notebook(parsing: String(contentsOf: notebook, encoding: .utf8), path: notebook.path)
        let blocks: [ExecutedBlock] = parsed.blocks.map { block in
            switch block {
            case .prose(let text): return .prose(text)
            case .cell(let cell): return .cell(cell, CellResult(status: .succeeded))
            }
        }
        return ExecutedNotebook(notebook: parsed, blocks: blocks)
    }

    @Test func onlyImagesInsideTheFolderAreRead() throws {
        let (root, notebook) = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let images = ProseImages.collect(try executed(notebook))
        #expect(images.byTarget["images/x.png"]?.mime == "image/png")
        #expect(images.byTarget["images/x.png"]?.data == Sample.png)
        #expect(images.byTarget["images/d.svg"]?.mime == "image/svg+xml")
        #expect(images.byTarget.count == 2)
        let reasons = Dictionary(images.refused.map { ($0.target, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["../secret.png"]?.contains("leaves the notebook's folder") == true)
        #expect(reasons["\(root.path)/secret.png"]?.contains("absolute") == true)
        #expect(reasons["images/out.png"]?.contains("link") == true)
        #expect(reasons["images/fake.png"]?.contains("not a PNG") == true)
        // Images in code spans are not images; a remote one never reaches the renderer's img tags.
        #expect(images.refused.count == 4)
    }

    @Test func sniffingGoesByContent() {
        #expect(ProseImages.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0])) == "image/jpeg")
        #expect(ProseImages.sniff(Data("GIF89a...".utf8)) == "image/gif")
        #expect(ProseImages.sniff(Data("  <svg>".utf8)) == "image/svg+xml")
        #expect(ProseImages.sniff(Data("<html><svg>".utf8)) == nil)
        #expect(ProseImages.sniff(Data("<!-- open".utf8)) == nil)
        #expect(ProseImages.sniff(Data()) == nil)
    }

    @Test func tooLargeIsRefusedUnread() throws {
        let root = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let big = root.appendingPathComponent("big.png")
        var data = Sample.png
        data.append(Data(count: ProseImages.maxBytes))
        try data.write(to: big)
        guard case .refused(let reason) = ProseImages.read("big.png", folder: root.path) else {
            Issue.record("a file over the cap is refused")
            return
        }
        #expect(reason.contains("larger than"))
    }

    /// A pipe or a folder named like an image is refused without being opened
    /// (opening a FIFO would wait for a writer forever).
    @Test func onlyRegularFilesAreRead() throws {
        let root = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(mkfifo(root.appendingPathComponent("pipe.png").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dir.png"), withIntermediateDirectories: true)
        for name in ["pipe.png", "dir.png"] {
            guard case .refused(let reason) = ProseImages.read(name, folder: root.path) else {
                Issue.record("\(name) is refused")
                continue
            }
            #expect(reason.contains("not a regular file"))
        }
    }

    /// The writer copies the images next to the .md, inlines them in the HTML, attaches them in
    /// the ipynb, and notes the refused ones without failing the run.
    @Test func everyRenderingCarriesTheImages() throws {
        let (root, notebook) = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let writer = NotebookOutputWriter(root: out, formats: OutputFormat.allCases)
        let run = try executed(notebook)
        var warnings: [String] = []
        let folder = try writer.open(run.notebook)
        try writer.write(run, into: folder) { warnings.append($0) }
        let target = out.appendingPathComponent("lab")
        #expect(try Data(contentsOf: target.appendingPathComponent("images/x.png")) == Sample.png)
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("images/d.svg").path))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("images/out.png").path))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("images/fake.png").path))
        #expect(warnings.count == 4 && warnings.allSatisfy { $0.contains("not carried into the output") })

        let md = try String(contentsOf: target.appendingPathComponent("lab.md"), encoding: .utf8)
        #expect(md.contains("![diagram](images/x.png)"))

        let html = try String(contentsOf: target.appendingPathComponent("lab.html"), encoding: .utf8)
        #expect(html.contains("<img src=\"data:image/png;base64,\(Sample.png.base64EncodedString())\" alt=\"diagram\">"))
        #expect(html.contains("src=\"data:image/svg+xml;base64,\(svg.base64EncodedString())\""))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("src=\"../secret.png\"") && !html.contains("src=\"images/out.png\""))
        #expect(html.contains("Image <code>../secret.png</code> not shown"))
        #expect(html.contains("img-src 'self' data:"))

        let ipynb = try String(contentsOf: target.appendingPathComponent("lab.ipynb"), encoding: .utf8)
        let json = try #require(JSONSerialization.jsonObject(with: Data(ipynb.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        let prose = try #require(cells.first { $0["cell_type"] as? String == "markdown" })
        let attachments = try #require(prose["attachments"] as? [String: [String: String]])
        #expect(attachments["x.png"]?["image/png"] == Sample.png.base64EncodedString())
        #expect(attachments["d.svg"]?["image/svg+xml"] == svg.base64EncodedString())
        let source = (prose["source"] as? [String] ?? []).joined()
        #expect(source.contains("![diagram](attachment:x.png)") && source.contains("src=\"attachment:d.svg\""))
        #expect(source.contains("![up](../secret.png)"))
    }
}
