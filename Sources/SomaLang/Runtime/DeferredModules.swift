/// Stdlib modules the prelude names with `use`, run at the first mention of
/// one of their names instead of at start-up.
///
/// Parsing and compiling the twelve neural modules was a third of the CPU
/// time of starting `soma` (~10 ms), paid by every script and REPL. While the
/// prelude loads (`Interpreter.defersUses`), a `use` of a module whose top
/// level only defines names (`fn name(...)`, `name = literal`) records those
/// names instead; compiling code that mentions one (or a host asking for it
/// with `Interpreter.global`) runs the module then, from the file found at
/// start-up. A module whose names another module or the prelude also
/// defines, or whose top level does anything else, runs at once as before.
/// Its top level must read no global when it runs (the user may have rebound
/// it by then): hence literals only, and parameter defaults that are literals
/// (DeferredModuleTests checks the Stdlib's).
struct DeferredModule {
    /// The file as `use` found it (path or `<stdlib>/...`) and its text.
    let file: String
    let text: String
    /// The `use` statement, for error notes.
    let span: Span
    let from: SourceFile
    /// The names its top level defines.
    let names: [String]
}

enum TopLevelScan {
    /// The names a module's top level defines, when every top-level line is
    /// `fn name(...`, `name = literal`, a comment or a closing bracket, with ASCII
    /// names; nil when some line is anything else (the module then runs at
    /// once). Reads bytes: a walk over Characters cost as much as the parse.
    static func definedNames(_ text: String) -> [String]? {
        if let found = text.utf8.withContiguousStorageIfAvailable({ scan($0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { scan($0) }
    }

    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> [String]? {
        var names: [String] = []
        var seen = Set<String>()
        var start = 0
        while start < b.count {
            var end = start
            while end < b.count, b[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            guard end > start, !" \t\r#})]".utf8.contains(b[start]) else { continue }
            let isFunction = end - start > 3 && b[start] == 0x66 && b[start + 1] == 0x6E && b[start + 2] == 0x20  // "fn "
            let first = isFunction ? start + 3 : start
            var last = first
            while last < end, isNameByte(b[last]) { last += 1 }
            guard last > first, !(0x30...0x39).contains(b[first]), last == end || b[last] < 0x80 else { return nil }
            var next = last
            while next < end, b[next] == 0x20 { next += 1 }
            guard next < end else { return nil }
            if isFunction {
                guard b[next] == 0x28 else { return nil }  // "("
            } else {
                guard b[next] == 0x3D, next + 1 == end || b[next + 1] != 0x3D else { return nil }  // "=", not "=="
                // Only a literal: an expression would read globals when the module
                // runs, after the user may have rebound them (`grad = ...`).
                guard isLiteral(UnsafeBufferPointer(rebasing: b[(next + 1)..<end])) else { return nil }
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[first..<last]), as: UTF8.self)
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// Whether `v` (the text after `name =`) is a number (with a time suffix),
    /// a string without interpolation, true, false or nil, then an optional comment.
    static func isLiteral(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < v.count, v[i] == 0x20 { i += 1 }
        guard i < v.count else { return false }
        var last = v.count
        if v[i] == 0x22 {  // a string: up to its closing quote, no `{`
            var j = i + 1
            while j < v.count, v[j] != 0x22 {
                if v[j] == 0x7B { return false }
                j += v[j] == 0x5C ? 2 : 1
            }
            guard j < v.count else { return false }
            i = j + 1
        } else {
            if let hash = v[i...].firstIndex(of: 0x23) { last = hash }
            while last > i, v[last - 1] == 0x20 || v[last - 1] == 0x0D { last -= 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: v[i..<last]), as: UTF8.self)
            if word == "true" || word == "false" || word == "nil" { return true }
            var number = Substring(word)
            for suffix in ["ms", "us", "s"] where number.hasSuffix(suffix) {
                number = number.dropLast(suffix.count)
                break
            }
            guard let first = number.utf8.first, first == 0x2D || first == 0x2E || (0x30...0x39).contains(first),
                  number.utf8.allSatisfy({ "0123456789.eE+-_".utf8.contains($0) }) else { return false }
            return true
        }
        while i < v.count, v[i] == 0x20 || v[i] == 0x0D { i += 1 }
        return i == v.count || v[i] == 0x23
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (0x61...0x7A).contains(c) || (0x41...0x5A).contains(c) || (0x30...0x39).contains(c) || c == 0x5F
    }
}

extension Interpreter {
    /// Records a module for running at first mention, if it qualifies.
    /// Returns whether it was deferred.
    func deferModule(file: String, text: String, span: Span, from: SourceFile) -> Bool {
        guard defersUses, !usedFiles.contains(file), let names = TopLevelScan.definedNames(text), !names.isEmpty,
              names.allSatisfy({ deferredModules[$0] == nil && globals.value(of: $0) == nil && builtins[$0] == nil })
        else { return false }
        let module = DeferredModule(file: file, text: text, span: span, from: from, names: names)
        for name in names { deferredModules[name] = module }
        return true
    }

    /// Runs the deferred module defining `name`, if any, at `base`.
    /// A failure is kept for `throwDeferredFailure` (compilation cannot throw
    /// where names are resolved).
    func loadDeferred(_ name: String, base: UnsafeMutablePointer<Value>) {
        guard let module = deferredModules[name] else { return }
        for defined in module.names { deferredModules[defined] = nil }
        do {
            try runUsed(file: module.file, text: module.text, span: module.span, from: module.from, base: base)
        } catch {
            if deferredFailure == nil { deferredFailure = SomaError(converting: error) }
        }
    }

    /// Throws the error of a deferred module that failed to run, once.
    func throwDeferredFailure() throws {
        guard let failure = deferredFailure else { return }
        deferredFailure = nil
        throw failure
    }

    /// Runs the deferred module defining `name` for a host (outside a run).
    func loadDeferredForHost(_ name: String) {
        guard deferredModules[name] != nil else { return }
        if isRunning {
            loadDeferred(name, base: stackTop)
        } else {
            _ = try? onLargeStack { self.loadDeferred(name, base: self.stackTop) }
        }
        deferredFailure = nil
    }
}
