/// Prints a program as S-expressions, one top-level statement per line and
/// block statements indented below their block: what `soma --dump-ast` shows.
///
///     dumpAST(Parser.parse(SourceFile(name: "-", text: "y = -x^2")).program)
///     // (= y (neg (^ x 2)))
/// - Parameters:
///   - program: the parsed program.
///   - spans: append each statement's `@line:column` (for debugging the parser).
public func dumpAST(_ program: Program, spans: Bool = false) -> String {
    var printer = ASTPrinter(showSpans: spans)
    for statement in program.statements { printer.statement(statement, indent: 0) }
    return printer.lines.joined(separator: "\n")
}

/// Prints one expression on one line (blocks inside are written inline).
public func dumpExpr(_ expr: Expr) -> String {
    var printer = ASTPrinter(showSpans: false)
    return printer.expr(expr, indent: nil)
}

/// Writes S-expressions; `indent` nil means "all on one line".
struct ASTPrinter {
    let showSpans: Bool
    var lines: [String] = []

    mutating func statement(_ statement: Stmt, indent: Int) {
        let text = self.statementText(statement, indent: indent)
        let suffix = showSpans ? "  @\(statement.span.start)" : ""
        lines.append(String(repeating: "  ", count: indent) + text + suffix)
    }

    mutating func statementText(_ statement: Stmt, indent: Int?) -> String {
        switch statement.kind {
        case .expression(let expr, let silent):
            return self.expr(expr, indent: indent) + (silent ? ";" : "")
        case .assign(let targets, let value):
            let left = targets.count == 1 ? target(targets[0], indent) : "(" + targets.map { target($0, indent) }.joined(separator: " ") + ")"
            return "(= \(left) \(expr(value, indent: indent)))"
        case .compoundAssign(let target, let op, let value):
            return "(\(op.rawValue)= \(self.target(target, indent)) \(expr(value, indent: indent)))"
        case .function(let declaration):
            return function(declaration, indent: indent)
        case .forLoop(let variables, let iterable, let body):
            let names = variables.map(\.name).joined(separator: " ")
            return "(for (\(names)) \(expr(iterable, indent: indent)) \(block(body, indent: indent)))"
        case .whileLoop(let condition, let body):
            return "(while \(expr(condition, indent: indent)) \(block(body, indent: indent)))"
        case .breakLoop:
            return "(break)"
        case .continueLoop:
            return "(continue)"
        case .returnValue(let value):
            return value.map { "(return \(expr($0, indent: indent)))" } ?? "(return)"
        case .tryCatch(let body, let name, let handler):
            let bound = name.map { " \($0.name)" } ?? ""
            return "(try \(block(body, indent: indent)) (catch\(bound) \(block(handler, indent: indent))))"
        case .use(let path):
            return "(use \(quoted(path)))"
        }
    }

    mutating func target(_ target: AssignTarget, _ indent: Int?) -> String {
        switch target {
        case .name(let identifier):
            return identifier.name
        case .index(let base, let items, _):
            return indexText(base, items, indent)
        case .field(let base, let name, _):
            return "(. \(expr(base, indent: indent)) \(name.name))"
        }
    }

    mutating func function(_ declaration: FunctionDecl, indent: Int?) -> String {
        var head = "(fn"
        if let name = declaration.name { head += " \(name.name)" }
        let parameters = declaration.parameters.map { parameter -> String in
            guard let value = parameter.defaultValue else { return parameter.name.name }
            return "\(parameter.name.name)=\(expr(value, indent: indent))"
        }
        head += " (" + parameters.joined(separator: " ") + ")"
        if let doc = declaration.doc { head += " (doc \(quoted(doc)))" }
        return head + " " + expr(declaration.body, indent: indent) + ")"
    }

    /// A block: inline when `indent` is nil or it is empty, else one statement per line.
    mutating func block(_ block: Block, indent: Int?) -> String {
        let inline = "(block" + block.statements.map { " " + statementText($0, indent: nil) }.joined() + ")"
        // Short blocks stay on one line; long ones get a line per statement.
        guard let indent, inline.count > 40 || inline.contains("\n") else { return inline }
        let pad = String(repeating: "  ", count: indent + 1)
        var text = "(block"
        for statement in block.statements {
            let suffix = showSpans ? "  @\(statement.span.start)" : ""
            text += "\n" + pad + statementText(statement, indent: indent + 1) + suffix
        }
        return text + ")"
    }

    mutating func expr(_ expr: Expr, indent: Int?) -> String {
        switch expr.kind {
        case .number(let value):
            return number(value)
        case .string(let text):
            return quoted(text)
        case .interpolated(let parts):
            let shown = parts.map { part -> String in
                switch part {
                case .text(let text): return quoted(text)
                case .expr(let inner, let format):
                    let code = self.expr(inner, indent: indent)
                    return format.map { "(format \(quoted($0)) \(code))" } ?? code
                }
            }
            return "(str " + shown.joined(separator: " ") + ")"
        case .bool(let value):
            return value ? "true" : "false"
        case .nilLiteral:
            return "nil"
        case .name(let name):
            return name
        case .unary(let op, let operand):
            let name = op == .negate ? "neg" : op == .plus ? "pos" : "not"
            return "(\(name) \(self.expr(operand, indent: indent)))"
        case .binary(let op, let left, let right):
            return "(\(op.rawValue) \(self.expr(left, indent: indent)) \(self.expr(right, indent: indent)))"
        case .logical(let op, let left, let right):
            return "(\(op.rawValue) \(self.expr(left, indent: indent)) \(self.expr(right, indent: indent)))"
        case .range(let low, let high, let inclusive):
            return "(\(inclusive ? "..." : "..<") \(self.expr(low, indent: indent)) \(self.expr(high, indent: indent)))"
        case .call(let callee, let arguments):
            var text = "(call " + self.expr(callee, indent: indent)
            for argument in arguments {
                let value = self.expr(argument.value, indent: indent)
                text += " " + (argument.label.map { "\($0.name):\(value)" } ?? value)
            }
            return text + ")"
        case .index(let base, let items):
            return indexText(base, items, indent)
        case .field(let base, let name):
            return "(. \(self.expr(base, indent: indent)) \(name.name))"
        case .list(let elements):
            return "[" + elements.map { self.expr($0, indent: indent) }.joined(separator: " ") + "]"
        case .record(let fields):
            let shown = fields.map { "\($0.key):\(self.expr($0.value, indent: indent))" }
            return "{" + shown.joined(separator: " ") + "}"
        case .function(let declaration):
            return function(declaration, indent: indent)
        case .ifElse(let condition, let then, let elseBranch):
            var text = "(if \(self.expr(condition, indent: indent)) \(block(then, indent: indent))"
            if let elseBranch { text += " " + self.expr(elseBranch, indent: indent) }
            return text + ")"
        case .block(let inner):
            return block(inner, indent: indent)
        }
    }

    mutating func indexText(_ base: Expr, _ items: [IndexItem], _ indent: Int?) -> String {
        var text = "(index " + expr(base, indent: indent)
        for item in items {
            switch item {
            case .expr(let inner):
                text += " " + expr(inner, indent: indent)
            case .slice(let start, let stop, let step, _):
                let parts = [start, stop, step].map { $0.map { expr($0, indent: indent) } ?? "_" }
                text += " (slice " + parts.joined(separator: " ") + ")"
            }
        }
        return text + ")"
    }

    func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
