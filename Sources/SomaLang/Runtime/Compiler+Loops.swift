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
        let stores = variables.map { compileStore($0.name, $0.span) }
        let flag = vm.interruptFlag
        let iterableSpan = iterable.span

        if variables.count == 1 {
            let store = stores[0]
            var localSlot: Int?
            if case .local(let i) = resolve(variables[0].name) { localSlot = i }
            return { frame in
                let sequence = try source(frame)
                if case .range(let r) = sequence {
                    var k = r.start
                    while k < r.end {
                        if flag.isSet { throw SomaError.interrupt().located(span) }
                        if let slot = localSlot { frame.base[slot] = .number(Double(k)) } else { try store(frame, .number(Double(k))) }
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

        let first = stores[0], second = stores[1]
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
