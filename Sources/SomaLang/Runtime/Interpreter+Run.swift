import Foundation
import SomaCore

extension Interpreter {
    /// Parses, compiles and runs one source in the global scope (on the
    /// large-stack thread), then runs the end-of-run hooks.
    func runNow(_ source: SourceFile) -> RunResult {
        let parsed = Parser.parse(source)
        if !parsed.diagnostics.isEmpty {
            return RunResult(diagnostics: parsed.diagnostics)
        }
        var result = RunResult()
        let savedDirectory = currentDirectory
        currentDirectory = directory(of: source.name)
        defer { currentDirectory = savedDirectory }
        // A run started by native code inside another run (nested) stacks
        // its frames above the live ones instead of starting over.
        let nested = isRunning
        if !nested {
            callDepth = 0
            stackTop = stackBase
        }
        isRunning = true
        let base = stackTop
        defer { if !nested { isRunning = false } }
        do {
            let program = try Compiler(vm: self, scope: FunctionScope(), inFunction: false, source: source)
                .compileProgram(parsed.program)
            try throwDeferredFailure()
            result.value = try program(Frame(base: base, closure: rootClosure))
        } catch let request as ExitRequest {
            result.exitCode = request.code
        } catch {
            result.diagnostics.append(SomaError(converting: error).leaving(source).diagnostic)
        }
        returnRegister = .nil
        for hook in runEndHooks {
            do {
                try hook(context)
            } catch {
                result.diagnostics.append(SomaError(converting: error).diagnostic)
            }
        }
        return result
    }

    /// `use "path.soma"`: runs a file once in the global scope, looking next
    /// to the current file first, then in Stdlib. `from` is the file holding
    /// the `use` statement: errors in the used file point into that file and
    /// get a note naming the `use` line.
    /// `use "neural/som"` means `use "neural/som.soma"`.
    func use(_ path: String, span: Span, from: SourceFile, base: UnsafeMutablePointer<Value>) throws {
        let names = path.hasSuffix(".soma") ? [path] : [path, path + ".soma"]
        var candidates: [String] = []
        for name in names {
            let expanded = RealPath.expandingTilde(name)
            if expanded.hasPrefix("/") {
                candidates.append(expanded)
            } else {
                candidates.append(currentDirectory.map { $0 + "/" + expanded } ?? expanded)
                if let stdlib = stdlibDirectory { candidates.append(stdlib + "/" + expanded) }
            }
        }
        var found: (String, String)?
        for candidate in candidates {
            if let policy = filePolicy {
                // A refused file is never opened, so its content cannot show up in an error.
                let real = RealPath.resolveIfPossible(candidate)
                guard let real, policy.allows(real, .read, stdlib: stdlibDirectory) else {
                    if real == nil || FileManager.default.fileExists(atPath: candidate) {
                        throw policy.refusal("use", path, real: real, .read).located(span)
                    }
                    continue
                }
            }
            do throws(UserFile.Failure) {
                found = (candidate, try UserFile.readText(candidate))
                break
            } catch .missing {
                continue
            } catch {
                // A file that is there but cannot be used is named, not passed over.
                throw SomaError(error.isLimit ? .limit : .io, error.description, span: span)
            }
        }
        if found == nil {
            found = names.lazy.compactMap({ name in self.embeddedStdlib[name].map { ("<stdlib>/" + name, $0) } }).first
        }
        guard let (file, text) = found else {
            throw SomaError(.io, "cannot find '\(path)' to use", span: span,
                            notes: ["looked in: " + candidates.joined(separator: ", ")])
        }
        if deferModule(file: file, text: text, span: span, from: from) { return }
        try runUsed(file: file, text: text, span: span, from: from, base: base)
    }

    /// Runs a file found by `use` in the global scope, once.
    func runUsed(file: String, text: String, span: Span, from: SourceFile, base: UnsafeMutablePointer<Value>) throws {
        guard usedFiles.insert(file).inserted else { return }
        let used = SourceFile(name: file, text: text)
        let usedFrom = "in code used from " + from.place(line: span.start.line)
        let parsed = Parser.parse(used)
        if let first = parsed.diagnostics.first {
            var error = SomaError(first.kind, first.message, span: first.span, notes: first.notes,
                                  source: first.span == nil ? nil : used)
            error.stack = first.stack + [usedFrom]
            throw error
        }
        let savedDirectory = currentDirectory
        let savedTop = stackTop
        currentDirectory = directory(of: file)
        stackTop = base
        defer {
            currentDirectory = savedDirectory
            stackTop = savedTop
        }
        do {
            let program = try Compiler(vm: self, scope: FunctionScope(), inFunction: false, source: used)
                .compileProgram(parsed.program)
            try throwDeferredFailure()
            _ = try program(Frame(base: base, closure: rootClosure))
        } catch let error as SomaError {
            var shown = error.leaving(used)
            // Without a place in the used file, the `use` line is the best place there is.
            if shown.span == nil {
                shown.span = span
                shown.notes.append("in \(file)")
            } else {
                shown.stack.append(usedFrom)
            }
            throw shown
        }
    }

    /// The folder of a source name, or nil for labels such as `<repl>`.
    func directory(of name: String) -> String? {
        if name.hasPrefix("<") { return nil }
        guard let slash = name.lastIndex(of: "/") else { return "." }
        return slash == name.startIndex ? "/" : String(name[..<slash])
    }
}
