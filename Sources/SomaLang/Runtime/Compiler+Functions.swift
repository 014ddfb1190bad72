/// Where a new closure finds one captured variable in the frame that makes it.
enum CaptureSource {
    case cellSlot(Int)
    case capture(Int)
}

extension Compiler {
    /// `fn name(params) = body`: compiles the body once and returns code that
    /// makes a closure (capturing cells, evaluating defaults) each time it runs.
    func compileFunction(_ decl: FunctionDecl) throws -> Code {
        let names = decl.parameters.map(\.name.name)
        for (i, parameter) in decl.parameters.enumerated() where names[..<i].contains(names[i]) {
            throw syntaxError("parameter '\(names[i])' is listed twice", parameter.name.span)
        }
        let inner = FunctionScope(parent: scope, parameters: names, body: decl.body)
        let proto = FunctionProto(name: decl.name?.name ?? "<fn>", doc: decl.doc, parameterNames: names, source: source)
        let bodyCompiler = Compiler(vm: vm, scope: inner, inFunction: true, source: source)
        proto.body = try bodyCompiler.compileValue(decl.body, tail: true)
        proto.slotCount = inner.slotCount
        let cells = inner.cellSlots(parameterCount: names.count)
        proto.cellParameters = cells.parameters
        proto.cellLocals = cells.locals

        var sources: [CaptureSource] = []
        for name in inner.captureNames {
            switch resolve(name) {
            case .cell(let slot): sources.append(.cellSlot(slot))
            case .capture(let k): sources.append(.capture(k))
            case .local, .global:
                throw SomaError(.value, "internal error: '\(name)' was not kept for the inner function", span: decl.span)
            }
        }
        let defaults: [Code?] = try decl.parameters.map { try $0.defaultValue.map(compileExpression) }
        let hasDefaults = defaults.contains { $0 != nil }
        let noDefaults = [Value?](repeating: nil, count: names.count)
        return { frame in
            var captured: [Cell] = []
            captured.reserveCapacity(sources.count)
            for source in sources {
                switch source {
                case .cellSlot(let slot): captured.append(try cell(frame, slot))
                case .capture(let k): captured.append(frame.closure.captures[k])
                }
            }
            let values = hasDefaults ? try defaults.map { try $0?(frame) } : noDefaults
            return .function(.closure(Closure(proto: proto, captures: captured, defaults: values)))
        }
    }
}
