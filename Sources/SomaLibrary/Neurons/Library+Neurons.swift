extension Library {
    /// Neuron models and synapses (course unit 1), one file per model
    /// (Neurons/*Bindings.swift, Spiking/*Bindings.swift). Their inputs are read
    /// once into SomaNeural's `Signal` (SignalArgument.swift).
    static var neural: LibrarySection {
        refusingTrackedArguments(LibrarySection(name: "neural", builtins:
            HodgkinHuxleyBindings.builtins + LIFBindings.builtins + IzhikevichBindings.builtins
                + SynapseBindings.builtins
                + SpikingNetworkBindings.builtins))
    }
}
