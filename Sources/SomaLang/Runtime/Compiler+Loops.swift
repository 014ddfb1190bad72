extension Compiler {
    /// `for x in e { }` and `for a, b in e { }`: ranges (without making a
    /// list), tensors along their first axis, lists, strings, and records
    /// (keys, or key and value with two names).
    func compileFor(_ variables: [Identifier], _ iterable: Expr, _ body: Block, _ span: Span) throws -> Exec {
        guard variables.count == 1 || variables.count == 2 else {
            throw syntaxError("a for loop takes one or two names", span)
        }
        let source = try compileExpression(iterable)
        loopDepth += 1
        let bodyExec = try compileBlock(body.statements)
        loopDepth -= 1
        let flag = vm.interruptFlag
        let iterableSpan = iterable.span

        if variables.count == 1 {
            // The store is compiled here, not read back from an array: a
            // closure taken out of an array is called through a reabstraction thunk.
            let store = compileStore(variables[0].name, variables[0].span)
            // The loop variable's slot when it is a local or a global, written
            // directly on each step of a range.
            var localSlot = -1, globalSlot = -1
            switch resolve(variables[0].name) {
            case .local(let i): localSlot = i
            case .global(let i, _): globalSlot = i
            default: break
            }
            let table = vm.globals
            return { frame in
                let sequence = try source(frame)
                if case .range(let r) = sequence {
                    var k = r.start
                    while k < r.end {
                        if flag.isSet { throw SomaError.interrupt().located(span) }
                        // A number left in the slot by the last step needs no release.
                        if localSlot >= 0 {
                            let p = frame.base + localSlot
                            if case .number = p.pointee { p.initialize(to: .number(Double(k))) } else { p.pointee = .number(Double(k)) }
                        } else if globalSlot >= 0 {
                            let p = table.values + globalSlot
                            if case .some(.number) = p.pointee { p.initialize(to: .number(Double(k))) } else { p.pointee = .number(Double(k)) }
                        } else {
                            try store(frame, .number(Double(k)))
                        }
                        switch try runLoopBody(bodyExec, frame) {
                        case .breakLoop: return .normal
                        case .returnValue: return .returnValue
                        default: k += 1
                        }
                    }
                    return .normal
                }
                for item in try at(iterableSpan, { try sequence.items() }) {
                    if flag.isSet { throw SomaError.interrupt().located(span) }
                    try store(frame, item)
                    switch try runLoopBody(bodyExec, frame) {
                    case .breakLoop: return .normal
                    case .returnValue: return .returnValue
                    default: continue
                    }
                }
                return .normal
            }
        }

        let first = compileStore(variables[0].name, variables[0].span)
        let second = compileStore(variables[1].name, variables[1].span)
        return { frame in
            let sequence = try source(frame)
            let pairs: [(Value, Value)]
            if case .record(let r) = sequence {
                pairs = r.fields.map { (.string($0), $1) }
            } else {
                pairs = try at(iterableSpan) {
                    try sequence.items().map { item in
                        let parts = try unpack(item, 2)
                        return (parts[0], parts[1])
                    }
                }
            }
            for (a, b) in pairs {
                if flag.isSet { throw SomaError.interrupt().located(span) }
                try first(frame, a)
                try second(frame, b)
                switch try runLoopBody(bodyExec, frame) {
                case .breakLoop: return .normal
                case .returnValue: return .returnValue
                default: continue
                }
            }
            return .normal
        }
    }
}
