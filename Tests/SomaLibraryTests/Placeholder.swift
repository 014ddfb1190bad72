import Testing
@testable import SomaLibrary

@Test func moduleLoads() { #expect(Bool(true)) }
