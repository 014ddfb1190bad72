/// `soma check`'s second look: names that can never be defined and keyword
/// arguments a builtin does not take, reported as warnings before any code runs.
///
/// It is deliberately conservative (no false alarms): a name counts as defined
/// when anything in the program binds it anywhere (an assignment, `fn`,
/// parameter, loop variable, `catch`), when the host knows it (builtins, the
/// prelude), or when the program `use`s another file (which may define anything).
public struct NameCheck {
    /// Whether the host defines `name` (a builtin or a prelude global).
    public var isKnown: (String) -> Bool
    /// The parameter names a host function accepts by keyword; nil when any are accepted.
    public var keywords: (String) -> [String]?

    public init(isKnown: @escaping (String) -> Bool, keywords: @escaping (String) -> [String]?) {
        self.isKnown = isKnown
        self.keywords = keywords
    }

    /// Warnings for `programs` (the cells of a notebook share one scope, so
    /// they are checked together), each paired with the index of its program.
    public func warnings(_ programs: [Program]) -> [(program: Int, diagnostic: Diagnostic)] {
        let walks = programs.map { program -> NameWalk in
            var walk = NameWalk()
            walk.statements(program.statements)
            return walk
        }
        let bound = walks.reduce(into: Set<String>()) { $0.formUnion($1.bound) }
        let usesFiles = walks.contains { $0.usesFiles }
        var out: [(Int, Diagnostic)] = []
        for (index, walk) in walks.enumerated() {
            if !usesFiles {
                var reported = Set<String>()
                for read in walk.reads where !bound.contains(read.name) && !isKnown(read.name) {
                    guard reported.insert(read.name).inserted else { continue }
                    out.append((index, Diagnostic(kind: .name, message: "'\(read.name)' is never defined",
                                                  span: read.span, isWarning: true)))
                }
            }
            for call in walk.keywordCalls where !bound.contains(call.callee) {
                guard let accepted = keywords(call.callee) else { continue }
                for label in call.labels where !accepted.contains(label.name) {
                    let list = accepted.isEmpty ? "none" : accepted.joined(separator: ", ")
                    out.append((index, Diagnostic(kind: .type, message: "\(call.callee) has no parameter '\(label.name)'",
                                                  span: label.span, notes: ["its keywords are: \(list)"], isWarning: true)))
                }
            }
        }
        return out
    }
}

/// One walk over a program: every name it binds anywhere, every name it
/// reads, every call of a name with keyword arguments, and whether it `use`s files.
private struct NameWalk {
    var bound = Set<String>()
    var reads: [Identifier] = []
    var keywordCalls: [(callee: String, labels: [Identifier])] = []
    var usesFiles = false

    mutating func statements(_ list: [Stmt]) { for s in list { statement(s) } }

    mutating func statement(_ s: Stmt) {
        switch s.kind {
        case .expression(let e, _): expression(e)
        case .assign(let targets, let value):
            for target in targets { self.target(target) }
            expression(value)
        case .compoundAssign(let target, _, let value):
            // `x += 1` reads x and does not define it.
            if case .name(let id) = target { reads.append(id) } else { self.target(target) }
            expression(value)
        case .function(let f): function(f)
        case .forLoop(let variables, let iterable, let body):
            for v in variables { bound.insert(v.name) }
            expression(iterable)
            statements(body.statements)
        case .whileLoop(let condition, let body):
            expression(condition)
            statements(body.statements)
        case .returnValue(let e): if let e { expression(e) }
        case .tryCatch(let body, let errorName, let handler):
            if let errorName { bound.insert(errorName.name) }
            statements(body.statements)
            statements(handler.statements)
        case .use: usesFiles = true
        case .breakLoop, .continueLoop: break
        }
    }

    mutating func target(_ t: AssignTarget) {
        switch t {
        case .name(let id): bound.insert(id.name)
        case .index(let base, let items, _):
            expression(base)
            indexItems(items)
        case .field(let base, _, _): expression(base)
        }
    }

    mutating func function(_ f: FunctionDecl) {
        if let name = f.name { bound.insert(name.name) }
        for p in f.parameters {
            bound.insert(p.name.name)
            if let d = p.defaultValue { expression(d) }
        }
        expression(f.body)
    }

    mutating func indexItems(_ items: [IndexItem]) {
        for item in items {
            switch item {
            case .expr(let x): expression(x)
            case .slice(let a, let b, let c, _): for x in [a, b, c] { if let x { expression(x) } }
            }
        }
    }

    mutating func expression(_ e: Expr) {
        switch e.kind {
        case .name(let name): reads.append(Identifier(name: name, span: e.span))
        case .function(let f): function(f)
        case .block(let b): statements(b.statements)
        case .ifElse(let c, let then, let other):
            expression(c)
            statements(then.statements)
            if let other { expression(other) }
        case .call(let callee, let args):
            expression(callee)
            for a in args { expression(a.value) }
            let labels = args.compactMap(\.label)
            if case .name(let name) = callee.kind, !labels.isEmpty { keywordCalls.append((name, labels)) }
        case .unary(_, let a): expression(a)
        case .binary(_, let a, let b), .logical(_, let a, let b), .range(let a, let b, _):
            expression(a)
            expression(b)
        case .index(let base, let items):
            expression(base)
            indexItems(items)
        case .field(let base, _): expression(base)
        case .list(let items): for x in items { expression(x) }
        case .record(let fields): for f in fields { expression(f.value) }
        case .interpolated(let parts): for case .expr(let x, _) in parts { expression(x) }
        case .number, .string, .bool, .nilLiteral: break
        }
    }
}
