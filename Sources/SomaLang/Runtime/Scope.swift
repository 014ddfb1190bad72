/// Where a name lives, decided once when code is compiled.
enum VariableRef {
    /// A slot of the current function's frame.
    case local(Int)
    /// A slot of the current function's frame holding a `Cell`, because an
    /// inner function captures the variable.
    case cell(Int)
    /// A cell the current closure captured from an enclosing function.
    case capture(Int)
    /// A global slot; `name` is kept for the error when it is unbound.
    case global(Int, name: String)
}

/// The names of one function body (or of the top level, which is global).
///
/// A function body is one scope: every name assigned anywhere in it (outside
/// inner functions) is local. Locals that inner functions use become cells.
final class FunctionScope {
    let parent: FunctionScope?
    let isGlobal: Bool
    private(set) var slots: [String: Int] = [:]
    private(set) var slotCount = 0
    /// Parameters take the first slots.
    private(set) var parameterCount = 0
    private(set) var cellNames: Set<String> = []
    /// Names captured from enclosing functions, in capture order.
    private(set) var captureNames: [String] = []
    private var captureIndex: [String: Int] = [:]

    /// The global (top-level) scope.
    init() {
        parent = nil
        isGlobal = true
    }

    /// The scope of a function with `parameters`, whose body is `body`.
    init(parent: FunctionScope, parameters: [String], body: Expr) {
        self.parent = parent
        self.isGlobal = false
        parameterCount = parameters.count
        let facts = NameFacts.of(parameters: parameters, body: body)
        for name in facts.locals where slots[name] == nil {
            slots[name] = slotCount
            slotCount += 1
        }
        cellNames = facts.captured
    }

    /// Resolves `name` as seen from this scope, registering captures.
    func resolve(_ name: String, globals: GlobalTable) -> VariableRef {
        if isGlobal { return .global(globals.slot(name), name: name) }
        if let slot = slots[name] { return cellNames.contains(name) ? .cell(slot) : .local(slot) }
        if let k = captureIndex[name] { return .capture(k) }
        var outer = parent
        while let scope = outer, !scope.isGlobal {
            if scope.slots[name] != nil {
                captureIndex[name] = captureNames.count
                captureNames.append(name)
                return .capture(captureNames.count - 1)
            }
            outer = scope.parent
        }
        return .global(globals.slot(name), name: name)
    }

    /// Slots of cell variables, split into parameters (the first `parameterCount` slots) and the rest.
    func cellSlots(parameterCount: Int) -> (parameters: [Int], locals: [Int]) {
        let all = cellNames.compactMap { slots[$0] }.sorted()
        return (all.filter { $0 < parameterCount }, all.filter { $0 >= parameterCount })
    }
}

/// What a function body does with names: which it binds (its locals), which
/// it uses from outside (free), and which of its locals inner functions use.
struct NameFacts {
    var locals: [String] = []
    var free: Set<String> = []
    var captured: Set<String> = []

    static func of(parameters: [String], body: Expr) -> NameFacts {
        var walker = NameWalker()
        walker.expr(body)
        var facts = NameFacts()
        facts.locals = parameters + walker.assigned.filter { !parameters.contains($0) }
        let localSet = Set(facts.locals)
        facts.free = walker.used.union(walker.innerFree).subtracting(localSet)
        facts.captured = localSet.intersection(walker.innerFree)
        return facts
    }
}

/// Collects the names a body assigns and uses, and the free names of the
/// functions written inside it (whose own bodies are separate scopes).
private struct NameWalker {
    var assigned: [String] = []
    var assignedSet: Set<String> = []
    var used: Set<String> = []
    var innerFree: Set<String> = []

    mutating func bind(_ name: String) {
        if assignedSet.insert(name).inserted { assigned.append(name) }
    }

    mutating func function(_ decl: FunctionDecl) {
        for parameter in decl.parameters {
            if let d = parameter.defaultValue { expr(d) }
        }
        let inner = NameFacts.of(parameters: decl.parameters.map(\.name.name), body: decl.body)
        innerFree.formUnion(inner.free)
    }

    mutating func block(_ block: Block) {
        for s in block.statements { stmt(s) }
    }

    mutating func target(_ target: AssignTarget) {
        switch target {
        case .name(let id): bind(id.name)
        case .index(let base, let items, _):
            expr(base)
            indexItems(items)
        case .field(let base, _, _): expr(base)
        }
    }

    mutating func indexItems(_ items: [IndexItem]) {
        for item in items {
            switch item {
            case .expr(let e): expr(e)
            case .slice(let a, let b, let c, _):
                for part in [a, b, c] { if let part { expr(part) } }
            }
        }
    }

    mutating func stmt(_ s: Stmt) {
        switch s.kind {
        case .expression(let e, _): expr(e)
        case .assign(let targets, let value):
            for t in targets { target(t) }
            expr(value)
        case .compoundAssign(let t, _, let value):
            if case .name(let id) = t { used.insert(id.name) }
            target(t)
            expr(value)
        case .function(let decl):
            if let name = decl.name { bind(name.name) }
            function(decl)
        case .forLoop(let variables, let iterable, let body):
            for v in variables { bind(v.name) }
            expr(iterable)
            block(body)
        case .whileLoop(let condition, let body):
            expr(condition)
            block(body)
        case .breakLoop, .continueLoop, .use: break
        case .returnValue(let e): if let e { expr(e) }
        case .tryCatch(let body, let errorName, let handler):
            block(body)
            if let errorName { bind(errorName.name) }
            block(handler)
        }
    }

    mutating func expr(_ e: Expr) {
        switch e.kind {
        case .number, .string, .bool, .nilLiteral: break
        case .interpolated(let parts):
            for case .expr(let inner, _) in parts { expr(inner) }
        case .name(let name): used.insert(name)
        case .unary(_, let a): expr(a)
        case .binary(_, let a, let b), .logical(_, let a, let b), .range(let a, let b, _):
            expr(a)
            expr(b)
        case .call(let callee, let arguments):
            expr(callee)
            for a in arguments { expr(a.value) }
        case .index(let base, let items):
            expr(base)
            indexItems(items)
        case .field(let base, _): expr(base)
        case .list(let items): for item in items { expr(item) }
        case .record(let fields): for f in fields { expr(f.value) }
        case .function(let decl): function(decl)
        case .ifElse(let condition, let then, let elseBranch):
            expr(condition)
            block(then)
            if let elseBranch { expr(elseBranch) }
        case .block(let b): block(b)
        }
    }
}
