/// A compiled store into a variable.
typealias Store = (Frame, Value) throws -> Void

extension Compiler {
    func resolve(_ name: String) -> VariableRef {
        let ref = scope.resolve(name, globals: vm.globals)
        // A global named by a deferred Stdlib module: the module runs now,
        // before the code mentioning it (see `DeferredModule`).
        if case .global = ref, !vm.deferredModules.isEmpty, vm.deferredModules[name] != nil {
            vm.loadDeferred(name, base: vm.stackTop)
        }
        return ref
    }

    /// Reads a name: local slot, cell, captured cell, global, then builtin.
    func compileLoad(_ name: String, _ span: Span) -> Code {
        switch resolve(name) {
        case .local(let i):
            return { frame in frame.base[i] }
        case .cell(let i):
            return { frame in try cell(frame, i).value }
        case .capture(let k):
            return { frame in frame.closure.captures[k].value }
        case .global(let i, let name):
            let table = vm.globals
            if let builtin = vm.builtins[name] {
                let fallback = Value.function(.native(builtin))
                return { _ in table.values[i] ?? fallback }
            }
            let vm = self.vm
            return { [unowned vm] _ in
                if let value = table.values[i] { return value }
                throw vm.undefinedName(name, span)
            }
        }
    }

    /// Writes a name (assignment inside a function makes it local, so this
    /// is a global only at the top level or for captured cells).
    func compileStore(_ name: String, _ span: Span) -> Store {
        switch resolve(name) {
        case .local(let i):
            return { frame, value in frame.base[i] = value }
        case .cell(let i):
            return { frame, value in try cell(frame, i).value = value }
        case .capture(let k):
            return { frame, value in frame.closure.captures[k].value = value }
        case .global(let i, _):
            let table = vm.globals
            return { _, value in table.values[i] = value }
        }
    }
}

/// The cell stored in a frame slot of a captured variable.
@inline(__always)
func cell(_ frame: Frame, _ slot: Int) throws -> Cell {
    guard case .object(let object) = frame.base[slot], let cell = object as? Cell else {
        throw SomaError.value("internal error: a captured variable lost its cell")
    }
    return cell
}

extension Interpreter {
    /// `error[name]` for an unbound name, suggesting a close known name.
    func undefinedName(_ name: String, _ span: Span) -> SomaError {
        var notes: [String] = []
        if let hint = Interpreter.pythonNames[name] {
            return SomaError(.name, "undefined name '\(name)'", span: span, notes: [hint])
        }
        // With the names of Stdlib modules not run yet (`DeferredModule`).
        let known = globals.definedNames + builtins.keys + deferredModules.keys
        if let close = known.min(by: { editDistance($0, name) < editDistance($1, name) }),
           editDistance(close, name) <= max(1, name.count / 3) {
            notes.append("did you mean '\(close)'?")
        }
        return SomaError(.name, "undefined name '\(name)'", span: span, notes: notes)
    }
}

extension Interpreter {
    /// Python names a newcomer types, with what Soma calls them.
    static let pythonNames: [String: String] = [
        "True": "Soma writes true", "False": "Soma writes false", "None": "Soma writes nil",
        "np": "tensor functions are builtins: zeros(3), not np.zeros(3)",
        "numpy": "tensor functions are builtins: zeros(3), not np.zeros(3)",
        "math": "math functions are builtins: sqrt(2), pi",
        "plt": "plot functions are builtins: plot(x, y), xlabel(\"t\")",
        "self": "a method's object is its first parameter, named in its fn: fn learn(self, X) { ... }",
        "elif": "write `else if`",
    ]
}

/// Levenshtein distance, for "did you mean" notes.
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
        var current = [i] + Array(repeating: 0, count: y.count)
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[y.count]
}
