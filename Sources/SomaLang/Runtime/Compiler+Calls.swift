extension Compiler {
    /// `f(args)` and `obj.method(args)`. Calls of Soma functions with
    /// exactly their number of positional arguments (the common case) bind
    /// arguments straight into the callee's frame.
    func compileCall(_ callee: Expr, _ arguments: [Argument], _ span: Span) throws -> Code {
        unowned(unsafe) let vm = self.vm
        let calls = vm.calls
        let size = frameSize
        var keywordNames: [String] = []
        var positionalCount = 0
        for argument in arguments {
            if let label = argument.label {
                guard !keywordNames.contains(label.name) else {
                    throw syntaxError("keyword argument '\(label.name)' is given twice", label.span)
                }
                keywordNames.append(label.name)
            } else {
                guard keywordNames.isEmpty else {
                    throw syntaxError("positional arguments must come before keyword arguments", argument.span)
                }
                positionalCount += 1
            }
        }
        // The fixed-arity paths below hold each argument in its own let:
        // closures read back from an array would carry reabstraction thunks.
        let general = !keywordNames.isEmpty || positionalCount > 3 || callee.isField
        let positional: [Code] = general ? try arguments.prefix(positionalCount).map { try compileExpression($0.value) } : []
        let keywordCodes: [Code] = try arguments.dropFirst(positionalCount).map { try compileExpression($0.value) }

        if case .field(let base, let name) = callee.kind {
            let receiver = try compileExpression(base)
            let method = name.name
            return { frame in
                let object = try receiver(frame)
                let args = try positional.map { try $0(frame) }
                let keywords = try evaluateKeywords(keywordNames, keywordCodes, frame)
                return try atCall(span) {
                    try vm.callMethod(object, method, args, keywords, base: frame.base + size)
                }
            }
        }

        let function = try compileExpression(callee)
        if general {
            return { frame in
                let f = try function(frame)
                let args = try positional.map { try $0(frame) }
                let keywords = try evaluateKeywords(keywordNames, keywordCodes, frame)
                return try atCall(span) { try vm.callValue(f, args, keywords, base: frame.base + size) }
            }
        }
        switch positionalCount {
        case 0:
            return { frame in
                let f = try function(frame)
                return try atCall(span) {
                    if case .function(.closure(let c)) = f, c.arity == 0 {
                        return try calls.invoke(c, base: frame.base + size) { _ in }
                    }
                    return try vm.callValue(f, [], [], base: frame.base + size)
                }
            }
        case 1:
            let a0 = try compileExpression(arguments[0].value)
            if case .name(let name) = callee.kind, case .global(let slot, _) = resolve(name),
               let builtin = vm.builtins[name], let direct = builtin.unary {
                // A builtin with a one-argument form (`str(i)`) is called
                // directly while its name is not rebound.
                let table = vm.globals
                return { frame in
                    let x = try a0(frame)
                    if case .none = table.values[slot] {
                        return try atCall(span) { try vm.callUnary(direct, x) }
                    }
                    let f = try function(frame)
                    return try atCall(span) { try vm.callValue(f, [x], [], base: frame.base + size) }
                }
            }
            if case .name(let name) = callee.kind, case .global(let slot, _) = resolve(name) {
                // A call of a global function (the usual recursion) looks at
                // the global in place instead of copying it out first: one
                // reference count update instead of two. The argument is
                // evaluated first; only rebinding the callee inside its own
                // argument could tell the difference.
                let table = vm.globals
                if let num = numericArgument(arguments[0].value) {
                    // An arithmetic argument (`fib(n - 1)`) is computed here
                    // as raw numeric code, as `a0` would, without calling it.
                    let site = NumericSite()
                    return { frame in
                        var x = Value.nil
                        var done = false
                        if site.failures < NumericSite.limit {
                            do {
                                x = .number(try num(frame))
                                done = true
                            } catch is NotNumeric {
                                site.failures += 1
                            }
                        }
                        if !done { x = try a0(frame) }
                        if case .some(.function(.closure(let c))) = table.values[slot], c.arity == 1 {
                            return try atCall(span) { try calls.invoke(c, base: frame.base + size) { $0.initialize(to: x) } }
                        }
                        let f = try function(frame)
                        return try atCall(span) { try vm.callValue(f, [x], [], base: frame.base + size) }
                    }
                }
                return { frame in
                    let x = try a0(frame)
                    if case .some(.function(.closure(let c))) = table.values[slot], c.arity == 1 {
                        return try atCall(span) { try calls.invoke(c, base: frame.base + size) { $0.initialize(to: x) } }
                    }
                    let f = try function(frame)
                    return try atCall(span) { try vm.callValue(f, [x], [], base: frame.base + size) }
                }
            }
            return { frame in
                let f = try function(frame)
                let x = try a0(frame)
                return try atCall(span) {
                    if case .function(.closure(let c)) = f, c.arity == 1 {
                        return try calls.invoke(c, base: frame.base + size) { $0.initialize(to: x) }
                    }
                    return try vm.callValue(f, [x], [], base: frame.base + size)
                }
            }
        case 2:
            let a0 = try compileExpression(arguments[0].value), a1 = try compileExpression(arguments[1].value)
            if case .name(let name) = callee.kind, case .global(let slot, _) = resolve(name) {
                // As for one argument: the global is looked at in place.
                let table = vm.globals
                return { frame in
                    let x = try a0(frame), y = try a1(frame)
                    if case .some(.function(.closure(let c))) = table.values[slot], c.arity == 2 {
                        return try atCall(span) {
                            try calls.invoke(c, base: frame.base + size) {
                                $0.initialize(to: x)
                                ($0 + 1).initialize(to: y)
                            }
                        }
                    }
                    let f = try function(frame)
                    return try atCall(span) { try vm.callValue(f, [x, y], [], base: frame.base + size) }
                }
            }
            return { frame in
                let f = try function(frame)
                let x = try a0(frame), y = try a1(frame)
                return try atCall(span) {
                    if case .function(.closure(let c)) = f, c.arity == 2 {
                        return try calls.invoke(c, base: frame.base + size) {
                            $0.initialize(to: x)
                            ($0 + 1).initialize(to: y)
                        }
                    }
                    return try vm.callValue(f, [x, y], [], base: frame.base + size)
                }
            }
        case 3:
            let a0 = try compileExpression(arguments[0].value), a1 = try compileExpression(arguments[1].value)
            let a2 = try compileExpression(arguments[2].value)
            return { frame in
                let f = try function(frame)
                let x = try a0(frame), y = try a1(frame), z = try a2(frame)
                return try atCall(span) {
                    if case .function(.closure(let c)) = f, c.arity == 3 {
                        return try calls.invoke(c, base: frame.base + size) {
                            $0.initialize(to: x)
                            ($0 + 1).initialize(to: y)
                            ($0 + 2).initialize(to: z)
                        }
                    }
                    return try vm.callValue(f, [x, y, z], [], base: frame.base + size)
                }
            }
        default:
            return { frame in
                let f = try function(frame)
                let args = try positional.map { try $0(frame) }
                return try atCall(span) { try vm.callValue(f, args, [], base: frame.base + size) }
            }
        }
    }
}

extension Compiler {
    /// The numeric code `compileExpression` would try first for `e` (an
    /// arithmetic operation), or nil.
    func numericArgument(_ e: Expr) -> NumCode? {
        guard isNumericOperation(e), let leaf = numeric(e), case .other(let num) = leaf else { return nil }
        return num
    }
}

private func evaluateKeywords(_ names: [String], _ codes: [Code], _ frame: Frame) throws -> [(name: String, value: Value)] {
    var keywords: [(name: String, value: Value)] = []
    keywords.reserveCapacity(names.count)
    for (name, code) in zip(names, codes) { keywords.append((name, try code(frame))) }
    return keywords
}

extension Expr {
    var isField: Bool {
        if case .field = kind { return true }
        return false
    }
}
