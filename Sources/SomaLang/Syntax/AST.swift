// The syntax tree of a Soma program: what the parser builds and the runtime
// compiles. Every node carries the span of the source it came from, so any
// error found later can point at the right characters.
//
// Shape: small structs (`Expr`, `Stmt`) pairing a `kind` enum with a `Span`.
// The enums are indirect, so nodes nest freely and compare with `==`.

/// A whole parsed file, notebook cell or REPL entry.
public struct Program: Equatable, Sendable {
    public var statements: [Stmt]
    public var span: Span

    public init(statements: [Stmt], span: Span) {
        self.statements = statements
        self.span = span
    }
}

/// A name as written in the source, with its place.
public struct Identifier: Equatable, Sendable {
    public var name: String
    public var span: Span

    public init(name: String, span: Span) {
        self.name = name
        self.span = span
    }
}

// MARK: - Expressions

/// An expression node: its kind and its source span.
public struct Expr: Equatable, Sendable {
    public var kind: ExprKind
    public var span: Span

    public init(_ kind: ExprKind, span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// What an expression is.
///
/// The parser desugars pipes: `x |> f` becomes `.call(f, [x])` and
/// `x |> f(a, k: 1)` becomes `.call(f, [x, a, k: 1])`, so the runtime never
/// sees a pipe.
public indirect enum ExprKind: Equatable, Sendable {
    /// A number literal; time suffixes are already applied (`20ms` is 0.02).
    case number(Double)
    /// A string literal without interpolation, escapes already decoded.
    case string(String)
    /// A string with `{expr}` or `{expr:spec}` parts.
    case interpolated([StringPart])
    case bool(Bool)
    case nilLiteral
    /// A variable or builtin name.
    case name(String)
    /// `-x`, `+x`, `not x`.
    case unary(UnaryOperator, Expr)
    /// Arithmetic, comparison and matrix product; both sides always evaluated.
    case binary(BinaryOperator, Expr, Expr)
    /// `a and b`, `a or b`: the right side runs only when needed.
    case logical(LogicalOperator, Expr, Expr)
    /// `a..<b` (inclusive false) or `a...b` (inclusive true).
    case range(Expr, Expr, inclusive: Bool)
    /// `f(a, b, key: c)`: positional arguments come before keyword ones.
    case call(Expr, [Argument])
    /// `a[i]`, `a[i, j]`, `a[1:4]`, `a[:, 0]`, `a[::2]`: one item per axis.
    case index(Expr, [IndexItem])
    /// `a.b`: a record field, an object field or a method.
    case field(Expr, Identifier)
    /// `[a, b, c]`: a tensor or a list, decided at run time.
    case list([Expr])
    /// `{name: "lif", rate: 40}`, `{}`: fields in source order.
    case record([RecordField])
    /// `fn(x) = x^2`, `fn(x, y) { ... }`.
    case function(FunctionDecl)
    /// `if c { ... } else { ... }`; `elseBranch` is a `.block` or another `.ifElse`.
    case ifElse(condition: Expr, then: Block, elseBranch: Expr?)
    /// `{ stmt; stmt; expr }`: its value is the last expression statement's, else nil.
    case block(Block)
}

/// One piece of an interpolated string.
public enum StringPart: Equatable, Sendable {
    /// Literal text, escapes and `{{ }}` already decoded.
    case text(String)
    /// `{expr}` or `{expr:spec}`; `format` is the text after the last top-level `:`
    /// (such as `.3f`, `8.2e`, `d`, `%`), nil when absent.
    case expr(Expr, format: String?)
}

/// `-x`, `+x`, `not x`.
public enum UnaryOperator: String, Equatable, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "not"
}

/// Operators whose operands are both evaluated.
public enum BinaryOperator: String, Equatable, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
    case matmul = "@"
    case power = "^"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

/// Short-circuit operators.
public enum LogicalOperator: String, Equatable, Sendable {
    case and
    case or
}

/// One argument of a call; `label` is set for keyword arguments (`title: "LIF"`).
public struct Argument: Equatable, Sendable {
    public var label: Identifier?
    public var value: Expr
    public var span: Span

    public init(label: Identifier?, value: Expr, span: Span) {
        self.label = label
        self.value = value
        self.span = span
    }
}

/// One axis of an index expression.
public enum IndexItem: Equatable, Sendable {
    /// `a[i]`: a number, a mask or an index tensor, decided at run time.
    case expr(Expr)
    /// `a[start:stop:step]` with any part omitted (`a[:]`, `a[::2]`).
    case slice(start: Expr?, stop: Expr?, step: Expr?, span: Span)
}

/// One `key: value` of a record literal; the key may be a name or a string.
public struct RecordField: Equatable, Sendable {
    public var key: String
    public var keySpan: Span
    public var value: Expr

    public init(key: String, keySpan: Span, value: Expr) {
        self.key = key
        self.keySpan = keySpan
        self.value = value
    }
}

/// A parameter, optionally with a default value (`lr = 0.1`).
public struct Parameter: Equatable, Sendable {
    public var name: Identifier
    public var defaultValue: Expr?

    public init(name: Identifier, defaultValue: Expr?) {
        self.name = name
        self.defaultValue = defaultValue
    }
}

/// A function, named (`fn f(x) = ...`) or anonymous (`fn(x) = ...`).
///
/// The body is one expression: for `fn f(x) = x*2` the expression itself, for
/// `fn f(x) { ... }` a `.block` whose value is its last expression statement
/// unless a `return` runs first.
public struct FunctionDecl: Equatable, Sendable {
    public var name: Identifier?
    public var parameters: [Parameter]
    public var body: Expr
    /// The `##` lines directly above a named function, joined by newlines,
    /// without the `## ` prefix.
    public var doc: String?
    public var span: Span

    public init(name: Identifier?, parameters: [Parameter], body: Expr, doc: String?, span: Span) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.doc = doc
        self.span = span
    }
}

/// `{ ... }`: statements that share the enclosing function's scope.
public struct Block: Equatable, Sendable {
    public var statements: [Stmt]
    public var span: Span

    public init(statements: [Stmt], span: Span) {
        self.statements = statements
        self.span = span
    }
}

// MARK: - Statements

/// A statement node: its kind and its source span.
public struct Stmt: Equatable, Sendable {
    public var kind: StmtKind
    public var span: Span

    public init(_ kind: StmtKind, span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// What a statement is.
public indirect enum StmtKind: Equatable, Sendable {
    /// An expression; `silent` is true when it ends with `;` (value not displayed).
    case expression(Expr, silent: Bool)
    /// `x = e`, or destructuring `a, b = e` when there are several targets.
    case assign(targets: [AssignTarget], value: Expr)
    /// `x += e`, `A[i] *= e`; `op` is one of add, subtract, multiply, divide, power.
    case compoundAssign(target: AssignTarget, op: BinaryOperator, value: Expr)
    /// `fn name(params) = expr` or `fn name(params) { ... }`: binds `name`.
    case function(FunctionDecl)
    /// `for x in e { }` or `for i, x in e { }` (one or two variables).
    case forLoop(variables: [Identifier], iterable: Expr, body: Block)
    case whileLoop(condition: Expr, body: Block)
    case breakLoop
    case continueLoop
    /// `return` or `return e`.
    case returnValue(Expr?)
    /// `try { } catch e { }`; the error name is optional (`catch { }`).
    case tryCatch(body: Block, errorName: Identifier?, handler: Block)
    /// `use "path.soma"`.
    case use(path: String)
}

/// Where an assignment stores its value.
public enum AssignTarget: Equatable, Sendable {
    /// `x = ...`
    case name(Identifier)
    /// `A[i, :] = ...`: the base is itself assignable (`r.W[0] = 1` is allowed).
    case index(base: Expr, items: [IndexItem], span: Span)
    /// `r.field = ...`
    case field(base: Expr, name: Identifier, span: Span)

    /// The source span of the whole target.
    public var span: Span {
        switch self {
        case .name(let identifier): return identifier.span
        case .index(_, _, let span), .field(_, _, let span): return span
        }
    }
}
