//! Made-up people for simulators: the same names everywhere, so fixtures read alike.

/// Given names (computing pioneers).
pub const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Linus",
    "Barbara",
    "Dennis",
    "Margaret",
    "Ken",
    "Frances",
    "Edsger",
    "Radia",
    "Tim",
    "Hedy",
    "John",
    "Sophie",
    "Donald",
    "Shafi",
    "Niklaus",
    "Adele",
];

/// Family names.
pub const LAST_NAMES: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Turing",
    "Johnson",
    "Torvalds",
    "Liskov",
    "Ritchie",
    "Hamilton",
    "Thompson",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Berners-Lee",
    "Lamarr",
    "McCarthy",
    "Wilson",
    "Knuth",
    "Goldwasser",
    "Wirth",
    "Goldberg",
];
