//! Reading only the wanted values of a JSON document, in one pass.
//!
//! A spec's record locations are compiled once, at connect, into a [`Plan`]: a tree of the
//! keys, indexes and arrays to step into, with a slot at every wanted location. Reading a
//! document walks it with serde once, descending only where the plan goes and skipping
//! everything else without building it; text is borrowed from the document where JSON
//! escapes allow, so a record's unwanted fields cost a scan and its wanted ones one copy,
//! into the [`User`](crate::User) itself.
//!
//! A location under `[]` is read once per element of its array: each element's values land
//! in a [`Captured`] of their own (a *scope*), so values of the same element stay together.
//!
//! A page's plan carries its records' plan too ([`Plan::graft_record`]): a page and all its
//! records are read in one pass, each record handed on as soon as it is read
//! ([`Plan::read_each`]); each notes where it starts, so its text is found for
//! `remote_data` without being read again ([`record_text`]).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use super::path::{Path, Step};

/// What a location's value is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    /// A scalar (text borrowed where it can be), or a small tree for an object or array.
    Value,
    /// The value's JSON text, as is.
    Raw,
}

/// A slot of a scope: where a location's value lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot(pub(crate) u32);

/// A list slot of a scope, and the scope its elements are read into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListSlot {
    pub(crate) slot: u32,
    /// The node of each element, to add element locations to.
    pub(crate) element: u32,
}

#[derive(Debug, Default)]
struct Node {
    keys: Vec<(Box<str>, u32)>,
    index: Vec<(usize, u32)>,
    /// The element node, the list slot in this node's scope, the element scope.
    each: Option<(u32, u32, u32)>,
    capture: Option<(Want, u32)>,
    scope: u32,
    /// Whether an object here notes where it starts in the document (see
    /// [`Captured::start`]): a record read in the same pass as its page.
    spans: bool,
    /// The location, for messages.
    path: String,
}

impl Node {
    fn has_children(&self) -> bool {
        !self.keys.is_empty() || !self.index.is_empty() || self.each.is_some()
    }
    fn child(&self, key: &str) -> Option<u32> {
        self.keys.iter().find(|(k, _)| &**k == key).map(|(_, n)| *n)
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Scope {
    values: u32,
    raws: u32,
    lists: u32,
}

/// Compiled locations.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    nodes: Vec<Node>,
    scopes: Vec<Scope>,
}

/// A value read at a location.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Leaf<'de> {
    /// The location is not in the document.
    #[default]
    Absent,
    /// JSON `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A negative integer.
    Int(i64),
    /// A non-negative integer.
    UInt(u64),
    /// Another number.
    Float(f64),
    /// Text, borrowed from the document when it holds no escapes.
    Str(Cow<'de, str>),
    /// An object or array, read whole.
    Json(Value),
}

impl Leaf<'_> {
    /// A word for the kind of value, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Leaf::Absent => "absent",
            Leaf::Null => "null",
            Leaf::Bool(_) => "a boolean",
            Leaf::Int(_) | Leaf::UInt(_) | Leaf::Float(_) => "a number",
            Leaf::Str(_) => "text",
            Leaf::Json(Value::Array(_)) => "an array",
            Leaf::Json(_) => "an object",
        }
    }

    /// Whether it holds nothing (absent or null).
    pub(crate) fn is_nothing(&self) -> bool {
        matches!(self, Leaf::Absent | Leaf::Null)
    }

    /// The same value, owning its text.
    pub(crate) fn into_owned_leaf(self) -> Leaf<'static> {
        match self {
            Leaf::Absent => Leaf::Absent,
            Leaf::Null => Leaf::Null,
            Leaf::Bool(b) => Leaf::Bool(b),
            Leaf::Int(n) => Leaf::Int(n),
            Leaf::UInt(n) => Leaf::UInt(n),
            Leaf::Float(f) => Leaf::Float(f),
            Leaf::Str(s) => Leaf::Str(Cow::Owned(s.into_owned())),
            Leaf::Json(v) => Leaf::Json(v),
        }
    }

    fn from_json(value: &Value) -> Leaf<'static> {
        match value {
            Value::Null => Leaf::Null,
            Value::Bool(b) => Leaf::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => Leaf::UInt(u),
                (None, Some(i), _) => Leaf::Int(i),
                (None, None, Some(f)) => Leaf::Float(f),
                _ => Leaf::Json(value.clone()),
            },
            Value::String(s) => Leaf::Str(Cow::Owned(s.clone())),
            other => Leaf::Json(other.clone()),
        }
    }
}

/// The values a document held at a plan's locations, for one scope.
///
/// Read again ([`Captured::clear`]), it keeps its allocations, its lists' elements
/// included: the records of a page are read one after another into the same few, not into
/// a dozen fresh allocations each.
#[derive(Debug, Default)]
pub(crate) struct Captured<'de> {
    values: Vec<Leaf<'de>>,
    raws: Vec<Option<&'de RawValue>>,
    lists: Vec<Elements<'de>>,
    start: Option<usize>,
}

/// The elements read for one list slot.
#[derive(Debug, Default)]
struct Elements<'de> {
    /// Whether the array was there (not absent, not `null`) in the value read last.
    present: bool,
    /// The first `len` were read last; the rest are kept to read the next value's into.
    items: Vec<Captured<'de>>,
    len: usize,
}

impl<'de> Elements<'de> {
    /// A list read whole, of these elements.
    fn of(items: Vec<Captured<'de>>) -> Self {
        Elements {
            present: true,
            len: items.len(),
            items,
        }
    }

    /// Starts reading an array here.
    fn begin(&mut self) {
        self.present = true;
        self.len = 0;
    }

    /// The next element to read into: a kept one, emptied, or a new one of `shape`.
    fn next_item(&mut self, shape: Scope) -> &mut Captured<'de> {
        if self.len < self.items.len() {
            self.items[self.len].clear();
        } else {
            self.items.push(Captured::new(shape));
        }
        self.len += 1;
        &mut self.items[self.len - 1]
    }

    fn read(&self) -> Option<&[Captured<'de>]> {
        self.present.then(|| &self.items[..self.len])
    }
}

impl<'de> Captured<'de> {
    fn new(scope: Scope) -> Self {
        Captured {
            values: vec![Leaf::Absent; scope.values as usize],
            raws: vec![None; scope.raws as usize],
            lists: (0..scope.lists).map(|_| Elements::default()).collect(),
            start: None,
        }
    }

    /// Empties it to read another value of the same scope, keeping its allocations.
    fn clear(&mut self) {
        self.values.fill(Leaf::Absent);
        self.raws.fill(None);
        for list in &mut self.lists {
            list.present = false;
            list.len = 0;
        }
        self.start = None;
    }

    /// Where the object read into this scope starts in the document (its `{`), when a
    /// record plan was grafted at its location ([`Plan::graft_record`]); `None` when it is
    /// not known: the value was not an object, the object was empty, or its first key held
    /// an escape.
    pub(crate) fn start(&self) -> Option<usize> {
        self.start
    }

    /// The value at a slot.
    pub(crate) fn value(&self, slot: Slot) -> &Leaf<'de> {
        self.values.get(slot.0 as usize).unwrap_or(&Leaf::Absent)
    }

    /// The raw text at a slot.
    pub(crate) fn raw(&self, slot: Slot) -> Option<&'de RawValue> {
        self.raws.get(slot.0 as usize).copied().flatten()
    }

    /// The elements read for a list slot (`None` when the array was absent or null).
    pub(crate) fn list(&self, list: ListSlot) -> Option<&[Captured<'de>]> {
        self.lists.get(list.slot as usize)?.read()
    }

    /// Takes the elements of a list slot out.
    pub(crate) fn take_list(&mut self, list: ListSlot) -> Option<Vec<Captured<'de>>> {
        let list = self.lists.get_mut(list.slot as usize)?;
        if !list.present {
            return None;
        }
        let mut items = std::mem::take(&mut list.items);
        items.truncate(list.len);
        *list = Elements::default();
        Some(items)
    }
}

/// Where to add locations: the document's root, or each element of a list.
pub(crate) const ROOT: u32 = 0;

impl Plan {
    /// An empty plan: the root only.
    pub(crate) fn new() -> Self {
        Plan {
            nodes: vec![Node::default()],
            scopes: vec![Scope::default()],
        }
    }

    /// Reads `path` (relative to node `at`) as `want`; the slot is in `at`'s scope.
    pub(crate) fn add(&mut self, at: u32, path: &Path, want: Want) -> Result<Slot, String> {
        if path.has_each() {
            return Err(format!(
                "`{path}` steps into every element of an array; read it as a list"
            ));
        }
        let node = self.walk(at, path);
        let scope = self.nodes[node as usize].scope;
        if let Some((existing, slot)) = self.nodes[node as usize].capture {
            if existing == want {
                return Ok(Slot(slot));
            }
            return Err(format!("`{path}` is read both as a value and as text"));
        }
        let counter = match want {
            Want::Value => &mut self.scopes[scope as usize].values,
            Want::Raw => &mut self.scopes[scope as usize].raws,
        };
        let slot = *counter;
        *counter += 1;
        self.nodes[node as usize].capture = Some((want, slot));
        Ok(Slot(slot))
    }

    /// Reads every element of the array at `path` (relative to `at`; a trailing `[]` is
    /// allowed): add element locations to the returned slot's `element` node.
    pub(crate) fn add_list(&mut self, at: u32, path: &Path) -> Result<ListSlot, String> {
        let mut steps = path.0.clone();
        if steps.last() == Some(&Step::Each) {
            steps.pop();
        }
        let path = Path(steps);
        if path.has_each() {
            return Err(format!(
                "`{path}` steps into nested arrays; a list reads one array"
            ));
        }
        let node = self.walk(at, &path);
        if let Some((element, slot, _)) = self.nodes[node as usize].each {
            return Ok(ListSlot { slot, element });
        }
        let scope = self.nodes[node as usize].scope;
        let slot = self.scopes[scope as usize].lists;
        self.scopes[scope as usize].lists += 1;
        let element_scope = self.scopes.len() as u32;
        self.scopes.push(Scope::default());
        let element = self.nodes.len() as u32;
        let label = format!("{}[]", self.nodes[node as usize].path);
        self.nodes.push(Node {
            scope: element_scope,
            path: label,
            ..Node::default()
        });
        self.nodes[node as usize].each = Some((element, slot, element_scope));
        Ok(ListSlot { slot, element })
    }

    fn walk(&mut self, at: u32, path: &Path) -> u32 {
        let mut node = at;
        for step in &path.0 {
            let scope = self.nodes[node as usize].scope;
            let base = self.nodes[node as usize].path.clone();
            let existing = match step {
                Step::Key(k) => self.nodes[node as usize].child(k),
                Step::Index(n) => self.nodes[node as usize]
                    .index
                    .iter()
                    .find(|(i, _)| i == n)
                    .map(|(_, c)| *c),
                Step::Each => None,
            };
            node = match existing {
                Some(child) => child,
                None => {
                    let child = self.nodes.len() as u32;
                    let label = match step {
                        Step::Key(k) if base.is_empty() => k.to_string(),
                        Step::Key(k) => format!("{base}.{k}"),
                        Step::Index(n) => format!("{base}[{n}]"),
                        Step::Each => format!("{base}[]"),
                    };
                    self.nodes.push(Node {
                        scope,
                        path: label,
                        ..Node::default()
                    });
                    match step {
                        Step::Key(k) => self.nodes[node as usize].keys.push((k.clone(), child)),
                        Step::Index(n) => self.nodes[node as usize].index.push((*n, child)),
                        Step::Each => {}
                    }
                    child
                }
            };
        }
        node
    }

    /// Reads the locations of `record` (a plan of its own, rooted at a record) at node
    /// `at` too, with the same slots: each element's [`Captured`] is then laid out as
    /// `record.read` lays out its root, so a page and its records are read in one pass.
    /// The object at `at` notes where it starts ([`Captured::start`]). `at` must be a list
    /// element with nothing read there yet.
    pub(crate) fn graft_record(&mut self, at: u32, record: &Plan) -> Result<(), String> {
        let node = &self.nodes[at as usize];
        let scope = node.scope;
        let fresh = self.scopes[scope as usize];
        if node.has_children()
            || node.capture.is_some()
            || fresh.values + fresh.raws + fresh.lists > 0
        {
            return Err(format!("`{}` is read already", node.path));
        }
        // The record's root scope becomes `at`'s; its other scopes (its lists' elements)
        // and nodes are appended, their indexes shifted.
        let scopes: Vec<u32> = (0..record.scopes.len() as u32)
            .map(|s| {
                if s == 0 {
                    scope
                } else {
                    self.scopes.len() as u32 + s - 1
                }
            })
            .collect();
        let base = self.nodes.len() as u32;
        let node_of = |n: u32| if n == ROOT { at } else { base + n - 1 };
        self.scopes[scope as usize] = record.scopes[0];
        self.scopes.extend_from_slice(&record.scopes[1..]);
        for (i, n) in record.nodes.iter().enumerate() {
            let grafted = Node {
                keys: n
                    .keys
                    .iter()
                    .map(|(k, c)| (k.clone(), node_of(*c)))
                    .collect(),
                index: n.index.iter().map(|(i, c)| (*i, node_of(*c))).collect(),
                each: n
                    .each
                    .map(|(element, slot, s)| (node_of(element), slot, scopes[s as usize])),
                capture: n.capture,
                scope: scopes[n.scope as usize],
                spans: i == 0,
                path: n.path.clone(),
            };
            if i == 0 {
                self.nodes[at as usize] = grafted;
            } else {
                self.nodes.push(grafted);
            }
        }
        Ok(())
    }

    /// Reads `text` once, keeping the values at the plan's locations.
    pub(crate) fn read<'de>(&self, text: &'de str) -> Result<Captured<'de>, String> {
        self.read_with(text, None)
    }

    /// Reads `text` once like [`Plan::read`], but hands each element of `list` to `take`
    /// as soon as it is read instead of keeping it in the list (left `None`): a page's
    /// records are mapped one by one, while the next is read. `take` may give back an
    /// element it is done with, and the next is read into it (its allocations kept). An
    /// error from `take` ends the read with it.
    pub(crate) fn read_each<'de>(
        &self,
        text: &'de str,
        list: ListSlot,
        take: &mut dyn FnMut(Captured<'de>) -> Result<Option<Captured<'de>>, String>,
    ) -> Result<Captured<'de>, String> {
        let mut each = Each {
            element: list.element,
            take,
        };
        self.read_with(text, Some(&mut each))
    }

    fn read_with<'de>(
        &self,
        text: &'de str,
        each: Option<&mut Each<'_, 'de>>,
    ) -> Result<Captured<'de>, String> {
        let mut out = Captured::new(self.scopes[0]);
        let mut de = serde_json::Deserializer::from_str(text);
        NodeSeed {
            plan: self,
            node: ROOT,
            out: &mut out,
            doc: text,
            each,
        }
        .deserialize(&mut de)
        .map_err(|e| e.to_string())?;
        de.end().map_err(|e| e.to_string())?;
        Ok(out)
    }

    /// Fills the slots under `node` from a value read whole (a location read as a value
    /// that other locations go inside of).
    fn fill_from_json<'de>(&self, node: u32, value: &Value, out: &mut Captured<'de>) {
        let n = &self.nodes[node as usize];
        if let Some((Want::Value, slot)) = n.capture
            && node != ROOT
            && out.values[slot as usize].is_nothing()
        {
            out.values[slot as usize] = Leaf::from_json(value);
        }
        for (key, child) in &n.keys {
            if let Some(v) = value.get(&**key) {
                self.fill_from_json(*child, v, out);
            }
        }
        for (i, child) in &n.index {
            if let Some(v) = value.get(*i) {
                self.fill_from_json(*child, v, out);
            }
        }
        if let (Some((element, slot, scope)), Some(items)) = (n.each, value.as_array()) {
            let list = items
                .iter()
                .map(|item| {
                    let mut c = Captured::new(self.scopes[scope as usize]);
                    self.fill_from_json(element, item, &mut c);
                    c
                })
                .collect();
            out.lists[slot as usize] = Elements::of(list);
        }
    }
}

/// Where the elements of one list go as they are read (see [`Plan::read_each`]).
struct Each<'t, 'de> {
    /// The list's element node.
    element: u32,
    take: &'t mut dyn FnMut(Captured<'de>) -> Result<Option<Captured<'de>>, String>,
}

struct NodeSeed<'p, 'c, 't, 'de> {
    plan: &'p Plan,
    node: u32,
    out: &'c mut Captured<'de>,
    /// The whole document, to tell where a borrowed key lies in it.
    doc: &'de str,
    each: Option<&'c mut Each<'t, 'de>>,
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_, '_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let node = &self.plan.nodes[self.node as usize];
        match node.capture {
            Some((Want::Raw, slot)) => {
                let raw = <&'de RawValue>::deserialize(deserializer)?;
                self.out.raws[slot as usize] = Some(raw);
                Ok(())
            }
            Some((Want::Value, slot)) => {
                let leaf = deserializer.deserialize_any(LeafVisitor)?;
                if node.has_children()
                    && let Leaf::Json(value) = &leaf
                {
                    self.plan.fill_from_json(self.node, value, self.out);
                }
                self.out.values[slot as usize] = leaf;
                Ok(())
            }
            None if !node.has_children() => {
                deserializer.deserialize_ignored_any(IgnoredAny)?;
                Ok(())
            }
            None => deserializer.deserialize_any(NodeVisitor {
                plan: self.plan,
                node: self.node,
                out: self.out,
                doc: self.doc,
                each: self.each,
            }),
        }
    }
}

struct NodeVisitor<'p, 'c, 't, 'de> {
    plan: &'p Plan,
    node: u32,
    out: &'c mut Captured<'de>,
    doc: &'de str,
    each: Option<&'c mut Each<'t, 'de>>,
}

impl NodeVisitor<'_, '_, '_, '_> {
    fn mismatch<E: de::Error>(&self, got: &str) -> E {
        let node = &self.plan.nodes[self.node as usize];
        let expected = if node.keys.is_empty() {
            "an array"
        } else {
            "an object"
        };
        let at = if node.path.is_empty() {
            "the document"
        } else {
            &node.path
        };
        E::custom(format!("`{at}` is {got}, expected {expected}"))
    }
}

impl<'de> NodeVisitor<'_, '_, '_, 'de> {
    /// Reads the `i`th element of the array at `node`, whose elements are read at
    /// `element`, into `item`; `false` when the array has no more.
    fn read_element<A: SeqAccess<'de>>(
        &mut self,
        seq: &mut A,
        node: &Node,
        element: u32,
        i: usize,
        item: &mut Captured<'de>,
    ) -> Result<bool, A::Error> {
        let indexed = node.index.iter().find(|(n, _)| *n == i).map(|(_, c)| *c);
        match indexed {
            // Read as a list and by index too (`emails[]…` and `emails[0]…`): this element
            // is read whole once and fills both.
            Some(child) => {
                let Some(value) = seq.next_element::<Value>()? else {
                    return Ok(false);
                };
                self.plan.fill_from_json(element, &value, item);
                self.plan.fill_from_json(child, &value, self.out);
                Ok(true)
            }
            None => {
                let seed = NodeSeed {
                    plan: self.plan,
                    node: element,
                    out: item,
                    doc: self.doc,
                    each: None,
                };
                Ok(seq.next_element_seed(seed)?.is_some())
            }
        }
    }
}

impl<'de> Visitor<'de> for NodeVisitor<'_, '_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or an array")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let node = &self.plan.nodes[self.node as usize];
        if node.keys.is_empty() {
            return Err(self.mismatch("an object"));
        }
        let mut first = node.spans;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if first {
                self.out.start = object_start(self.doc, &key);
                first = false;
            }
            let Key(key) = key;
            match node.child(&key) {
                Some(child) => map.next_value_seed(NodeSeed {
                    plan: self.plan,
                    node: child,
                    out: &mut *self.out,
                    doc: self.doc,
                    each: self.each.as_deref_mut(),
                })?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let node = &self.plan.nodes[self.node as usize];
        if let Some((element, slot, scope)) = node.each {
            let shape = self.plan.scopes[scope as usize];
            if let Some(each) = self.each.take().filter(|each| each.element == element) {
                // Each element goes to `take` as soon as it is read; the one `take` gives
                // back is read into next.
                let mut spare: Option<Captured<'de>> = None;
                for i in 0.. {
                    let mut item = match spare.take() {
                        Some(mut item) => {
                            item.clear();
                            item
                        }
                        None => Captured::new(shape),
                    };
                    if !self.read_element(&mut seq, node, element, i, &mut item)? {
                        break;
                    }
                    spare = (each.take)(item).map_err(de::Error::custom)?;
                }
                return Ok(());
            }
            // Into the list, over the elements the value read before left there.
            let mut list = std::mem::take(&mut self.out.lists[slot as usize]);
            list.begin();
            for i in 0.. {
                if !self.read_element(&mut seq, node, element, i, list.next_item(shape))? {
                    // The array ended: the item taken for it holds no element.
                    list.len -= 1;
                    break;
                }
            }
            self.out.lists[slot as usize] = list;
            return Ok(());
        }
        if node.index.is_empty() {
            return Err(self.mismatch("an array"));
        }
        let mut i = 0usize;
        loop {
            let child = node.index.iter().find(|(n, _)| *n == i).map(|(_, c)| *c);
            let more = match child {
                Some(child) => seq
                    .next_element_seed(NodeSeed {
                        plan: self.plan,
                        node: child,
                        out: &mut *self.out,
                        doc: self.doc,
                        each: self.each.as_deref_mut(),
                    })?
                    .is_some(),
                None => seq.next_element::<IgnoredAny>()?.is_some(),
            };
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.mismatch("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(self.mismatch("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(self.mismatch("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(self.mismatch("a number"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(self.mismatch("text"))
    }
}

/// Where the object whose first key is `key` starts in `doc`: the key, borrowed from the
/// document, is preceded by its quote, white space and the object's `{`. `None` when the
/// key was copied (it held an escape) and so does not lie in `doc`.
fn object_start(doc: &str, key: &Key<'_>) -> Option<usize> {
    let Key(Cow::Borrowed(key)) = key else {
        return None;
    };
    let offset = (key.as_ptr() as usize).checked_sub(doc.as_ptr() as usize)?;
    let before = doc.as_bytes().get(..offset)?.strip_suffix(b"\"")?;
    let open = before.trim_ascii_end();
    (open.last() == Some(&b'{')).then(|| open.len() - 1)
}

/// The text of a record read with [`Plan::graft_record`], from where it starts and where
/// the record after it starts (`None` for the last): a record ends where white space and a
/// comma lead to the next one; the last is read once more on its own to find its end.
/// `None` when the text does not come out as an object.
pub(crate) fn record_text(doc: &str, start: usize, next: Option<usize>) -> Option<&str> {
    let end = match next {
        Some(next) => {
            let between = doc.get(start..next)?.trim_end();
            start + between.strip_suffix(',')?.trim_end().len()
        }
        None => {
            let mut de = serde_json::Deserializer::from_str(doc.get(start..)?);
            start + <&RawValue>::deserialize(&mut de).ok()?.get().len()
        }
    };
    let text = doc.get(start..end)?;
    (text.starts_with('{') && text.ends_with('}')).then_some(text)
}

/// An object key, borrowed from the document when it holds no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct LeafVisitor;

impl<'de> Visitor<'de> for LeafVisitor {
    type Value = Leaf<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Leaf<'de>, E> {
        Ok(if v >= 0 {
            Leaf::UInt(v.unsigned_abs())
        } else {
            Leaf::Int(v)
        })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Leaf<'de>, E> {
        Ok(Leaf::UInt(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Float(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Str(Cow::Owned(v)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Leaf<'de>, A::Error> {
        Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(Leaf::Json)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Leaf<'de>, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Leaf::Json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Path {
        Path::parse(text).unwrap()
    }

    #[test]
    fn reads_only_wanted_values_borrowing_text() {
        let mut plan = Plan::new();
        let id = plan.add(ROOT, &p("id"), Want::Value).unwrap();
        let email = plan.add(ROOT, &p("profile.email"), Want::Value).unwrap();
        let missing = plan.add(ROOT, &p("profile.nope"), Want::Value).unwrap();
        let roles = plan.add_list(ROOT, &p("roles[]")).unwrap();
        let role_id = plan.add(roles.element, &p("id"), Want::Value).unwrap();
        let role_name = plan.add(roles.element, &p("name"), Want::Value).unwrap();
        let second = plan.add(ROOT, &p("tags[1]"), Want::Value).unwrap();
        let first_role = plan.add(ROOT, &p("roles[0].name"), Want::Value).unwrap();
        let doc = r#"{"id": 7, "skip": {"deep": [1, 2, {"x": "y"}]}, "profile": {"email": "a@b.c", "bio": "…"},
                      "roles": [{"id": "r1", "name": "Admin", "extra": true}, {"name": "Viewer"}],
                      "tags": ["x", "y\n", "z"]}"#;
        let c = plan.read(doc).unwrap();
        assert_eq!(c.value(id), &Leaf::UInt(7));
        assert!(matches!(c.value(email), Leaf::Str(Cow::Borrowed("a@b.c"))));
        assert_eq!(c.value(missing), &Leaf::Absent);
        let items = c.list(roles).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].value(role_id), &Leaf::Str("r1".into()));
        assert_eq!(items[1].value(role_id), &Leaf::Absent);
        assert_eq!(items[1].value(role_name), &Leaf::Str("Viewer".into()));
        // Read as a list and by index.
        assert_eq!(c.value(first_role), &Leaf::Str("Admin".into()));
        // An escaped string is copied.
        assert!(matches!(c.value(second), Leaf::Str(Cow::Owned(s)) if s == "y\n"));
    }

    #[test]
    fn arrays_of_text_raw_records_and_values_read_whole() {
        let mut plan = Plan::new();
        let records = plan.add_list(ROOT, &p("data")).unwrap();
        let raw = plan.add(records.element, &p(""), Want::Raw).unwrap();
        let next = plan.add(ROOT, &p("meta.next"), Want::Value).unwrap();
        let doc = r#"{"data": [{"id": "1"}, {"id": "2", "n": [1]}], "meta": {"next": null}}"#;
        let c = plan.read(doc).unwrap();
        let got: Vec<&str> = c
            .list(records)
            .unwrap()
            .iter()
            .map(|r| r.raw(raw).unwrap().get())
            .collect();
        assert_eq!(got, [r#"{"id": "1"}"#, r#"{"id": "2", "n": [1]}"#]);
        assert_eq!(c.value(next), &Leaf::Null);

        let mut plan = Plan::new();
        let whole = plan.add(ROOT, &p("profile"), Want::Value).unwrap();
        let inner = plan.add(ROOT, &p("profile.email"), Want::Value).unwrap();
        let c = plan.read(r#"{"profile": {"email": "x@y.z"}}"#).unwrap();
        assert!(matches!(c.value(whole), Leaf::Json(_)));
        assert_eq!(c.value(inner), &Leaf::Str("x@y.z".into()));
    }

    /// A record plan (id, an email, a list of roles) grafted into a page's plan at
    /// `records`, which also reads `meta.next`.
    struct Grafted {
        page: Plan,
        record: Plan,
        list: ListSlot,
        next: Slot,
        id: Slot,
        email: Slot,
        roles: ListSlot,
        role: Slot,
    }

    fn grafted(records: &str) -> Grafted {
        let mut record = Plan::new();
        let id = record.add(ROOT, &p("id"), Want::Value).unwrap();
        let email = record.add(ROOT, &p("profile.email"), Want::Value).unwrap();
        let roles = record.add_list(ROOT, &p("roles[]")).unwrap();
        let role = record.add(roles.element, &p("name"), Want::Value).unwrap();
        let mut page = Plan::new();
        let list = page.add_list(ROOT, &p(records)).unwrap();
        page.graft_record(list.element, &record).unwrap();
        let next = page.add(ROOT, &p("meta.next"), Want::Value).unwrap();
        Grafted {
            page,
            record,
            list,
            next,
            id,
            email,
            roles,
            role,
        }
    }

    impl Grafted {
        /// Reads `doc` with each record handed on as read; the envelope and the records.
        fn read<'d>(&self, doc: &'d str) -> Result<(Captured<'d>, Vec<Captured<'d>>), String> {
            let mut records = Vec::new();
            let envelope = self.page.read_each(doc, self.list, &mut |r| {
                records.push(r);
                Ok(None)
            })?;
            assert!(envelope.list(self.list).is_none(), "handed on, not kept");
            Ok((envelope, records))
        }
    }

    /// Each record's text, from the starts the records noted; `None` if one is unknown.
    fn texts_found<'d>(doc: &'d str, records: &[Captured<'d>]) -> Option<Vec<&'d str>> {
        let starts: Vec<usize> = records.iter().map(Captured::start).collect::<Option<_>>()?;
        (0..starts.len())
            .map(|i| record_text(doc, starts[i], starts.get(i + 1).copied()))
            .collect()
    }

    #[test]
    fn a_grafted_record_is_read_with_its_page_and_its_text_found_exactly() {
        let g = grafted("data.people");
        let records = [
            r#"{"id": "p1", "profile": {"email": "a@b.c", "bio": "} ] , {"}, "roles": [{"name": "Admin"}]}"#,
            "{\n  \"id\" : 2 ,\n  \"tags\": [\"]\", [\",\"]], \"roles\": []\n}",
            r#"{"z": null, "id": "p\u00e9", "roles": [{"name": "x"}, {"name": "y"}], "last": {"deep": [1, {"a": "}"}]}}"#,
        ];
        let doc = format!(
            "{{\"data\": {{\"people\" : [ {} ,\n\t{},{}\n ], \"more\": 1}}, \"meta\": {{\"next\": \"c2\"}}}}",
            records[0], records[1], records[2]
        );
        let (c, people) = g.read(&doc).unwrap();
        assert_eq!(
            c.value(g.next),
            &Leaf::Str("c2".into()),
            "the envelope's own values"
        );
        assert_eq!(texts_found(&doc, &people).unwrap(), records);
        // Each record's values are those a read of its text alone gives, slot for slot.
        for (read, text) in people.iter().zip(records) {
            let alone = g.record.read(text).unwrap();
            for slot in [g.id, g.email] {
                assert_eq!(read.value(slot), alone.value(slot), "{text}");
            }
            let names = |c: &Captured<'_>| -> Vec<Leaf<'static>> {
                c.list(g.roles)
                    .unwrap_or_default()
                    .iter()
                    .map(|r| r.value(g.role).clone().into_owned_leaf())
                    .collect()
            };
            assert_eq!(names(read), names(&alone), "{text}");
        }
        assert_eq!(people[0].value(g.email), &Leaf::Str("a@b.c".into()));
        assert_eq!(people[1].value(g.id), &Leaf::UInt(2));
        assert_eq!(people[2].value(g.id), &Leaf::Str("p\u{e9}".into()));
    }

    #[test]
    fn records_read_into_the_one_given_back_keep_nothing_of_the_one_before() {
        let g = grafted("data");
        // Fields and list elements come and go from one record to the next: each record
        // is read into the one before it, given back, and must hold only its own values.
        let records = [
            r#"{"id": "p1", "profile": {"email": "a@b.c"}, "roles": [{"name": "Admin"}, {"name": "Ops"}]}"#,
            r#"{"id": 2, "roles": [{"name": "x"}]}"#,
            r#"{"profile": {"email": "e\u00e9"}, "roles": null}"#,
            r#"{"id": "p4", "roles": [{}, {"name": "b"}, {"name": "c"}]}"#,
            r#"{"id": "p5"}"#,
            r#"{"id": "p6", "roles": []}"#,
        ];
        let doc = format!(r#"{{"data": [{}]}}"#, records.join(", "));
        type Summary = (Leaf<'static>, Leaf<'static>, Option<Vec<Leaf<'static>>>);
        let summary = |c: &Captured<'_>| -> Summary {
            (
                c.value(g.id).clone().into_owned_leaf(),
                c.value(g.email).clone().into_owned_leaf(),
                c.list(g.roles).map(|roles| {
                    roles
                        .iter()
                        .map(|r| r.value(g.role).clone().into_owned_leaf())
                        .collect()
                }),
            )
        };
        let (mut read, mut given_back) = (Vec::new(), 0);
        g.page
            .read_each(&doc, g.list, &mut |record| {
                read.push(summary(&record));
                given_back += 1;
                Ok(Some(record))
            })
            .unwrap();
        let alone: Vec<Summary> = records
            .iter()
            .map(|text| summary(&g.record.read(text).unwrap()))
            .collect();
        assert_eq!(read, alone);
        assert_eq!(given_back, records.len());
        assert_eq!(read[2].0, Leaf::Absent, "no id left from the record before");
        assert_eq!(read[2].2, None, "roles: null");
        assert_eq!(read[4].2, None, "roles absent");
        assert_eq!(read[5].2, Some(Vec::new()), "roles empty");
        assert_eq!(
            read[3].2,
            Some(vec![
                Leaf::Absent,
                Leaf::Str("b".into()),
                Leaf::Str("c".into())
            ])
        );
    }

    #[test]
    fn a_record_whose_start_is_unknown_sends_the_page_to_two_passes() {
        let g = grafted("data");
        // A first key with an escape is copied, so it does not tell where its record is; an
        // empty object has no key at all.
        for odd in [r#"{"\u0069d": "p2", "id": "p2"}"#, "{}"] {
            let doc = format!(r#"{{"data": [{{"id": "p1"}}, {odd}]}}"#);
            let (_, people) = g.read(&doc).unwrap();
            assert_eq!(people[0].start(), Some(10));
            assert_eq!(people[1].start(), None, "{odd}");
        }
        // A record handed on ends the read with the error its taker returns.
        let err = g
            .page
            .read_each(
                r#"{"data": [{"id": 1}]}"#,
                g.list,
                &mut |_| Err("no".into()),
            )
            .unwrap_err();
        assert!(err.starts_with("no"), "{err}");
        // A grafted location must be fresh.
        let mut plan = Plan::new();
        let list = plan.add_list(ROOT, &p("data")).unwrap();
        plan.add(list.element, &p("id"), Want::Value).unwrap();
        assert!(plan.graft_record(list.element, &Plan::new()).is_err());
    }

    /// A record: mostly plain keys (the plan reads `id`, `profile.email` and `roles[].name`),
    /// some needing escapes, any JSON values.
    fn any_record() -> impl proptest::strategy::Strategy<Value = serde_json::Map<String, Value>> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "[ -~\u{e9}\u{1F600}]{0,12}".prop_map(Value::from),
        ];
        let value = leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                proptest::collection::btree_map("[a-z\"]{0,3}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        });
        let key = prop_oneof![
            8 => proptest::sample::select(vec!["id", "profile", "roles", "name", "x", ""])
                .prop_map(str::to_owned),
            1 => "[a-z\"\\\n]{1,3}",
        ];
        proptest::collection::vec((key, value), 0..6).prop_map(|pairs| pairs.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn one_pass_finds_each_records_exact_text_or_leaves_the_page_to_two(
            records in proptest::collection::vec(any_record(), 1..5),
            pretty: bool,
        ) {
            let texts: Vec<String> = records
                .iter()
                .map(|r| if pretty {
                    serde_json::to_string_pretty(r)
                } else {
                    serde_json::to_string(r)
                }.unwrap())
                .collect();
            let doc = format!(
                "{{\"data\": [{}], \"meta\": {{\"next\": null}}}}",
                texts.join(if pretty { " ,\n  " } else { "," })
            );
            let g = grafted("data");
            // Records whose values do not fit the plan (`profile` as text) fail the read
            // either way; that is the mapper's to report.
            let Ok((_, people)) = g.read(&doc) else {
                proptest::prop_assert!(texts.iter().any(|t| g.record.read(t).is_err()));
                return Ok(());
            };
            if let Some(found) = texts_found(&doc, &people) {
                proptest::prop_assert_eq!(&found, &texts);
                for (read, text) in people.iter().zip(&texts) {
                    let alone = g.record.read(text).unwrap();
                    proptest::prop_assert_eq!(read.value(g.id), alone.value(g.id));
                    proptest::prop_assert_eq!(read.value(g.email), alone.value(g.email));
                }
            } else {
                // Only a record without a plain first key leaves its start unknown.
                let unplain = |k: &String| k.contains(['"', '\\', '\n']);
                let a_first_key_unplain =
                    records.iter().any(|r| r.keys().next().is_none_or(unplain));
                proptest::prop_assert!(a_first_key_unplain);
            }
        }
    }

    #[test]
    fn mismatched_shapes_name_the_location_and_null_is_absent() {
        let mut plan = Plan::new();
        plan.add(ROOT, &p("profile.email"), Want::Value).unwrap();
        let err = plan.read(r#"{"profile": "nope"}"#).unwrap_err();
        assert!(
            err.contains("`profile` is text, expected an object"),
            "{err}"
        );
        assert!(plan.read(r#"{"profile": null}"#).is_ok());
        assert!(plan.read(r#"{"profile": {}} trailing"#).is_err());
        assert!(plan.read(r#"{"profile": {"#).is_err());
        assert!(plan.add(ROOT, &p("a[].b"), Want::Value).is_err());
    }
}
