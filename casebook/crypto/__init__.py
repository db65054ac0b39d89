"""Keys, key derivation, authenticated encryption and signatures. Pure, no I/O."""
