#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Testing
import SomaCore
import SomaLang
import SomaLibrary

/// Runs every language test script in Tests/Scripts/<feature>/*.soma.
///
/// A script states what it must print with `# expect: <line>` comments (in
/// order) and, at most once, the error that must stop it with
/// `# expect error[kind]: <part of the message>`.
struct ScriptTests {
    static let scriptsDirectory: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)
        return parts.joined(separator: "/") + "/Scripts"
    }()

    /// Every script under Tests/Scripts except the files other scripts `use`
    /// (in `helpers/` folders) and test data (in `data/` folders).
    static func scripts() -> [String] {
        listFiles(scriptsDirectory).filter { path in
            let folders = path.split(separator: "/").dropLast()
            return path.hasSuffix(".soma") && !folders.contains("helpers") && !folders.contains("data")
        }.sorted()
    }

    @Test func theScriptsFolderHasScripts() {
        #expect(ScriptTests.scripts().count >= 100, "found only \(ScriptTests.scripts().count) scripts in \(ScriptTests.scriptsDirectory)")
    }

    @Test("language script", arguments: ScriptTests.scripts())
    func script(_ path: String) throws {
        let text = try UserFile.readText(path)
        let expectation = ScriptExpectation(text)
        var printed = ""
        let session = Session(output: { printed += $0 })
        #expect(session.startupDiagnostics.isEmpty, "prelude: \(session.startupDiagnostics)")
        let result = session.run(SourceFile(name: path, text: text))
        var lines = printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let name = String(path.dropFirst(ScriptTests.scriptsDirectory.count + 1))
        #expect(lines == expectation.lines, "\(name): printed output differs")
        #expect(expectation.errorCount <= 1, "\(name): one `# expect error` per script (it has \(expectation.errorCount))")
        if let (kind, message) = expectation.error {
            let diagnostic = try #require(result.diagnostics.first, "\(name): expected error[\(kind)] but the script ran to the end")
            #expect(diagnostic.kind.rawValue == kind, "\(name): \(diagnostic)")
            #expect(diagnostic.message.contains(message), "\(name): \(diagnostic)")
            // The error must come from the line the expectation marks (or, for
            // an error inside a function or used file, be called from it).
            if let span = diagnostic.span {
                let called = (diagnostic.notes + diagnostic.stack).contains {
                    $0.hasSuffix(":\(expectation.errorStatementLine)") || $0.hasSuffix("(more calls)")
                }
                let elsewhere = diagnostic.source.map { $0.name != path } ?? false
                #expect(span.start.line == expectation.errorStatementLine || called || elsewhere,
                        "\(name): the error is on line \(span.start.line), the expectation marks line \(expectation.errorStatementLine)")
            }
        } else {
            #expect(result.diagnostics.isEmpty, "\(name): \(result.diagnostics.map(\.description))")
        }
    }
}

/// The expectations written in a script's comments.
struct ScriptExpectation {
    var lines: [String] = []
    var error: (kind: String, message: String)?
    /// How many `# expect error` lines the script has (one at most is allowed).
    var errorCount = 0
    /// The statement the error expectation marks: its own line, or, for a
    /// comment alone on its line, the last line of code above it.
    var errorStatementLine = 0

    init(_ text: String) {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in all.enumerated() {
            if line.contains("# expect error[") {
                errorCount += 1
                var marked = index
                while marked > 0, String(all[marked]).trimmingWhitespace().hasPrefix("#") || String(all[marked]).trimmingWhitespace().isEmpty {
                    marked -= 1
                }
                errorStatementLine = marked + 1
            }
            if let range = line.range(of: "# expect: ") {
                lines.append(String(line[range.upperBound...]))
            } else if line.hasSuffix("# expect:") {
                lines.append("")
            } else if let range = line.range(of: "# expect error[") {
                let rest = line[range.upperBound...]
                guard let close = rest.firstIndex(of: "]") else { continue }
                let kind = String(rest[..<close])
                var message = rest[rest.index(after: close)...]
                if message.hasPrefix(":") { message = message.dropFirst() }
                error = (kind, String(message.drop(while: { $0 == " " })))
            }
        }
    }
}

/// Paths of all regular files under `directory`, recursively.
private func listFiles(_ directory: String) -> [String] {
    guard let dir = opendir(directory) else { return [] }
    defer { closedir(dir) }
    var found: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if name == "." || name == ".." { continue }
        let path = directory + "/" + name
        var info = stat()
        guard stat(path, &info) == 0 else { continue }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            found += listFiles(path)
        } else {
            found.append(path)
        }
    }
    return found
}
