/// One recorded operation in a differentiated computation (micrograd style:
/// the graph is built implicitly by the tensors that carry nodes; there is no
/// global tape). Owned and extended by the autodiff implementation.
public final class Node {
    public init() {}
}
