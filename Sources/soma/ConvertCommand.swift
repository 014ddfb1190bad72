import ArgumentParser
import Foundation
import SomaCore
import SomaNotebook
import SomaLang

/// `soma convert NB.ipynb [-o NB.md]`: turn a Jupyter notebook written in Soma
/// into a Markdown notebook (code cells become ```soma fences, outputs are dropped).
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Turn a Jupyter notebook (.ipynb) written in Soma into a Markdown notebook.",
        discussion: """
        Code cells become ```soma fences, markdown cells become prose, and outputs \
        are dropped. Without -o the result goes next to the input as NAME.md; an \
        existing file is never replaced unless named with -o. Use -o - for \
        standard output.
        """)

    @ArgumentParser.Argument(help: "The Jupyter notebook to convert.")
    var notebook: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the Markdown notebook ('-' for standard output).", valueName: "file"))
    var output: String?

    func run() throws {
        let input = URL(fileURLWithPath: notebook)
        let markdown: String
        do {
            let data = Data(try UserFile.readBytes(notebook))
            markdown = try NotebookImport.markdown(fromIPYNB: data, path: notebook)
        } catch let error as NotebookError {
            fail("\(error)")
        } catch let error as UserFile.Failure {
            fail("\(notebook): cannot read the notebook (\(error.reason))")
        } catch {
            fail("\(notebook): cannot read the notebook")
        }
        if output == "-" {
            FileHandle.standardOutput.write(Data(markdown.utf8))
            return
        }
        let target = output.map { URL(fileURLWithPath: $0) }
            ?? input.deletingPathExtension().appendingPathExtension("md")
        if output == nil, FileManager.default.fileExists(atPath: target.path) {
            fail("\(target.path) already exists; name the output with -o to replace it")
        }
        do {
            try AtomicFile.write(Data(markdown.utf8), to: target)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        FileHandle.standardError.write(Data("wrote \(target.path)\n".utf8))
    }

    /// Reports bad usage or an unreadable input and exits with status 2.
    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
