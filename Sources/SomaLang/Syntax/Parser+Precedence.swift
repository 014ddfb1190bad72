/// Binding power of expression operators, loosest first (LANGUAGE.md §3).
enum Precedence: Int, Comparable {
    case none, pipe, or, and, not, compare, range, add, multiply, unary, power, postfix

    static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What an infix or postfix token builds.
enum InfixRule {
    case binary(BinaryOperator)
    case logical(LogicalOperator)
    case range(inclusive: Bool)
    case pipe
    case call
    case index
    case field
}

extension Parser {
    /// The Pratt table: for each token that can follow an operand, its
    /// precedence and what it builds. Prefix rules live in `parsePrefix`.
    static let infixRules: [Symbol: (Precedence, InfixRule)] = [
        //  token              precedence    rule
        .pipe:             (.pipe,     .pipe),                    // x |> f(a)  ==  f(x, a)
        .equalEqual:       (.compare,  .binary(.equal)),          // non-associative
        .bangEqual:        (.compare,  .binary(.notEqual)),
        .less:             (.compare,  .binary(.less)),
        .lessEqual:        (.compare,  .binary(.lessEqual)),
        .greater:          (.compare,  .binary(.greater)),
        .greaterEqual:     (.compare,  .binary(.greaterEqual)),
        .halfOpenRange:    (.range,    .range(inclusive: false)), // 0..<n, non-associative
        .closedRange:      (.range,    .range(inclusive: true)),  // 1...n
        .plus:             (.add,      .binary(.add)),
        .minus:            (.add,      .binary(.subtract)),
        .star:             (.multiply, .binary(.multiply)),
        .slash:            (.multiply, .binary(.divide)),
        .percent:          (.multiply, .binary(.remainder)),
        .at:               (.multiply, .binary(.matmul)),         // matrix product
        .caret:            (.power,    .binary(.power)),          // right-assoc, above unary
        .leftParen:        (.postfix,  .call),
        .leftBracket:      (.postfix,  .index),
        .dot:              (.postfix,  .field),
    ]

    /// The keyword operators `and` and `or`.
    static let keywordInfixRules: [Keyword: (Precedence, InfixRule)] = [
        .or:  (.or,  .logical(.or)),
        .and: (.and, .logical(.and)),
    ]

    func infixRule(for token: Token) -> (Precedence, InfixRule)? {
        switch token.kind {
        case .symbol(let symbol): return Parser.infixRules[symbol]
        case .keyword(let keyword): return Parser.keywordInfixRules[keyword]
        default: return nil
        }
    }
}
