public enum ThingSpaceSimulatorPlaceholder {}
