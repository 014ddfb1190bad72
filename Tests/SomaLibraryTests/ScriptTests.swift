#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Testing
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

    static func scripts() -> [String] {
        listFiles(scriptsDirectory).filter { $0.hasSuffix(".soma") }.sorted()
    }

    @Test("language script", arguments: ScriptTests.scripts())
    func script(_ path: String) throws {
        let text = try #require(readTextFile(path), "cannot read \(path)")
        let expectation = ScriptExpectation(text)
        var printed = ""
        let session = Session(output: { printed += $0 })
        #expect(session.startupDiagnostics.isEmpty, "prelude: \(session.startupDiagnostics)")
        let result = session.run(SourceFile(name: path, text: text))
        var lines = printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let name = String(path.dropFirst(ScriptTests.scriptsDirectory.count + 1))
        #expect(lines == expectation.lines, "\(name): printed output differs")
        if let (kind, message) = expectation.error {
            let diagnostic = try #require(result.diagnostics.first, "\(name): expected error[\(kind)] but the script ran to the end")
            #expect(diagnostic.kind.rawValue == kind, "\(name): \(diagnostic)")
            #expect(diagnostic.message.contains(message), "\(name): \(diagnostic)")
        } else {
            #expect(result.diagnostics.isEmpty, "\(name): \(result.diagnostics.map(\.description))")
        }
    }
}

/// The expectations written in a script's comments.
struct ScriptExpectation {
    var lines: [String] = []
    var error: (kind: String, message: String)?

    init(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
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
