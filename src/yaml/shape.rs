//! The shape of a type's YAML, learnt from its `Deserialize` impl: the keys of each
//! struct (and which are required), lists, numbers, unit enums. `check` walks a file
//! against it before serde reads the file, so that every unknown key and every value of
//! the wrong kind is reported in one pass (serde stops at the first).
//!
//! The shape comes from a probing `Deserializer`: serde hands it the field names of
//! each struct (`deserialize_struct`) and the variants of each enum, and asks it for
//! every value by kind. A field is required when leaving it out makes the derived
//! visitor call `missing_field` for it, so the probe is run once more per field.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

/// What a YAML value must look like.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Anything: free-form maps (`extra`), values serde reads its own way.
    Any,
    Bool,
    /// A whole number from `min` to `max`.
    Int {
        min: i128,
        max: i128,
    },
    Float,
    Text,
    /// `null`, nothing, or the inner shape.
    Optional(Box<Shape>),
    Seq(Box<Shape>),
    Struct(Vec<Field>),
    /// One of these words.
    Enum(&'static [&'static str]),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub shape: Shape,
    pub required: bool,
}

/// The shape of `T`, worked out once per type.
pub fn of<T: DeserializeOwned + 'static>() -> Arc<Shape> {
    static SHAPES: LazyLock<Mutex<HashMap<TypeId, Arc<Shape>>>> = LazyLock::new(Mutex::default);
    let id = TypeId::of::<T>();
    if let Some(shape) = SHAPES
        .lock()
        .expect("no panic while holding the lock")
        .get(&id)
    {
        return shape.clone();
    }
    let shape = Arc::new(derive::<T>());
    SHAPES
        .lock()
        .expect("no panic while holding the lock")
        .insert(id, shape.clone());
    shape
}

fn derive<T: DeserializeOwned>() -> Shape {
    let mut shape = probe::<T>(None);
    let mut paths = Vec::new();
    field_paths(&shape, &mut Vec::new(), &mut paths);
    for path in paths {
        // A required field left out is the one error the visitor can give.
        let omitted = path.last().copied();
        let required =
            matches!(run::<T>(Some(&path)), Err(ProbeError { missing }) if missing == omitted);
        if let Some(field) = field_at(&mut shape, &path) {
            field.required = required;
        }
    }
    shape
}

fn probe<T: DeserializeOwned>(omit: Option<&[&'static str]>) -> Shape {
    let mut shape = None;
    let _ = T::deserialize(Probe {
        out: &mut shape,
        omit,
        at: &mut Vec::new(),
    });
    shape.unwrap_or(Shape::Any)
}

fn run<T: DeserializeOwned>(omit: Option<&[&'static str]>) -> Result<T, ProbeError> {
    T::deserialize(Probe {
        out: &mut None,
        omit,
        at: &mut Vec::new(),
    })
}

/// The key path of every struct field, through lists and optional values.
fn field_paths(shape: &Shape, prefix: &mut Vec<&'static str>, out: &mut Vec<Vec<&'static str>>) {
    match shape {
        Shape::Optional(inner) | Shape::Seq(inner) => field_paths(inner, prefix, out),
        Shape::Struct(fields) => {
            for field in fields {
                prefix.push(field.name);
                out.push(prefix.clone());
                field_paths(&field.shape, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn field_at<'s>(shape: &'s mut Shape, path: &[&'static str]) -> Option<&'s mut Field> {
    let (first, rest) = path.split_first()?;
    match shape {
        Shape::Optional(inner) | Shape::Seq(inner) => field_at(inner, path),
        Shape::Struct(fields) => {
            let field = fields.iter_mut().find(|f| f.name == *first)?;
            if rest.is_empty() {
                Some(field)
            } else {
                field_at(&mut field.shape, rest)
            }
        }
        _ => None,
    }
}

/// The probe's error: which field the visitor found missing, if that was it.
#[derive(Debug)]
struct ProbeError {
    missing: Option<&'static str>,
}

impl std::fmt::Display for ProbeError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "probe: missing {:?}", self.missing)
    }
}

impl std::error::Error for ProbeError {}

impl de::Error for ProbeError {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        ProbeError { missing: None }
    }

    fn missing_field(field: &'static str) -> Self {
        ProbeError {
            missing: Some(field),
        }
    }
}

/// Answers every request with an empty value of the kind asked for, and notes the kind.
struct Probe<'p> {
    out: &'p mut Option<Shape>,
    /// The key path of a field to leave out of its struct.
    omit: Option<&'p [&'static str]>,
    /// The key path of the value being probed.
    at: &'p mut Vec<&'static str>,
}

impl Probe<'_> {
    fn note(&mut self, shape: Shape) {
        *self.out = Some(shape);
    }

    fn int<'de, V: Visitor<'de>>(
        mut self,
        min: i128,
        max: i128,
        visitor: V,
    ) -> Result<V::Value, ProbeError> {
        self.note(Shape::Int { min, max });
        if min < 0 {
            visitor.visit_i64(0)
        } else {
            visitor.visit_u64(0)
        }
    }
}

macro_rules! probe_int {
    ($($method:ident: $type:ty),*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
            self.int(i128::from(<$type>::MIN), i128::from(<$type>::MAX), visitor)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Probe<'_> {
    type Error = ProbeError;

    probe_int!(deserialize_i8: i8, deserialize_i16: i16, deserialize_i32: i32, deserialize_i64: i64,
        deserialize_u8: u8, deserialize_u16: u16, deserialize_u32: u32, deserialize_u64: u64);

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, ProbeError> {
        self.note(Shape::Any);
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, ProbeError> {
        self.note(Shape::Bool);
        visitor.visit_bool(false)
    }

    fn deserialize_f64<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, ProbeError> {
        self.note(Shape::Float);
        visitor.visit_f64(0.0)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, ProbeError> {
        self.note(Shape::Text);
        visitor.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, ProbeError> {
        self.note(Shape::Text);
        visitor.visit_char(' ')
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        let mut inner = None;
        let result = visitor.visit_some(Probe {
            out: &mut inner,
            omit: self.omit,
            at: self.at,
        });
        *self.out = Some(Shape::Optional(Box::new(inner.unwrap_or(Shape::Any))));
        result
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ProbeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        let mut item = None;
        let result = visitor.visit_seq(OneItem {
            out: &mut item,
            omit: self.omit,
            at: self.at,
            done: false,
        });
        *self.out = Some(Shape::Seq(Box::new(item.unwrap_or(Shape::Any))));
        result
    }

    fn deserialize_map<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, ProbeError> {
        self.note(Shape::Any);
        visitor.visit_map(Fields {
            names: &[],
            next: 0,
            shapes: Vec::new(),
            omit: None,
            omit_path: None,
            at: self.at,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ProbeError> {
        // Left out here when the omitted path is this struct's path plus one field.
        let omit = self
            .omit
            .filter(|path| path.len() == self.at.len() + 1 && path.starts_with(self.at))
            .and_then(|path| path.last().copied());
        let mut access = Fields {
            names: fields,
            next: 0,
            shapes: Vec::new(),
            omit,
            omit_path: self.omit,
            at: self.at,
        };
        let result = visitor.visit_map(&mut access);
        let shapes = std::mem::take(&mut access.shapes);
        let fields = fields
            .iter()
            .map(|&name| Field {
                name,
                shape: shapes
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(Shape::Any, |(_, s)| s.clone()),
                required: false,
            })
            .collect();
        *self.out = Some(Shape::Struct(fields));
        result
    }

    fn deserialize_enum<V: Visitor<'de>>(
        mut self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ProbeError> {
        let Some(&first) = variants.first() else {
            self.note(Shape::Any);
            return Err(de::Error::custom("an enum without variants"));
        };
        self.note(Shape::Enum(variants));
        visitor.visit_enum(first.into_deserializer())
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 bytes byte_buf unit unit_struct tuple tuple_struct identifier
    }
}

/// A list of one probed item.
struct OneItem<'p> {
    out: &'p mut Option<Shape>,
    omit: Option<&'p [&'static str]>,
    at: &'p mut Vec<&'static str>,
    done: bool,
}

impl<'de> de::SeqAccess<'de> for OneItem<'_> {
    type Error = ProbeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, ProbeError> {
        if self.done {
            return Ok(None);
        }
        self.done = true;
        seed.deserialize(Probe {
            out: self.out,
            omit: self.omit,
            at: self.at,
        })
        .map(Some)
    }
}

/// A struct's fields, each with a probed value, but the one left out.
struct Fields<'p> {
    names: &'static [&'static str],
    next: usize,
    shapes: Vec<(&'static str, Shape)>,
    /// The field of this struct to leave out.
    omit: Option<&'static str>,
    /// The key path of a field to leave out, for the structs inside.
    omit_path: Option<&'p [&'static str]>,
    at: &'p mut Vec<&'static str>,
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = ProbeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ProbeError> {
        while let Some(&name) = self.names.get(self.next) {
            self.next += 1;
            if Some(name) != self.omit {
                return seed.deserialize(name.into_deserializer()).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ProbeError> {
        let name = self.names[self.next - 1];
        let mut shape = None;
        self.at.push(name);
        let result = seed.deserialize(Probe {
            out: &mut shape,
            omit: self.omit_path,
            at: self.at,
        });
        self.at.pop();
        self.shapes.push((name, shape.unwrap_or(Shape::Any)));
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Plan {
        title: Option<String>,
        weeks: Vec<Week>,
        #[serde(default)]
        tags: Vec<Colour>,
        extra: Option<serde_json::Map<String, serde_json::Value>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Week {
        week: u32,
        share: f64,
        done: Option<bool>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    #[allow(dead_code)]
    enum Colour {
        Red,
        Blue,
    }

    #[test]
    fn fields_kinds_and_required_keys_are_learnt_from_serde() {
        let Shape::Struct(fields) = &*of::<Plan>() else {
            panic!("a struct");
        };
        let names: Vec<(&str, bool)> = fields.iter().map(|f| (f.name, f.required)).collect();
        assert_eq!(
            names,
            [
                ("title", false),
                ("weeks", true),
                ("tags", false),
                ("extra", false)
            ]
        );
        assert_eq!(
            fields[2].shape,
            Shape::Seq(Box::new(Shape::Enum(&["red", "blue"])))
        );
        let Shape::Seq(week) = &fields[1].shape else {
            panic!("a list");
        };
        let Shape::Struct(week) = &**week else {
            panic!("a struct");
        };
        assert_eq!(
            week[0].shape,
            Shape::Int {
                min: 0,
                max: i128::from(u32::MAX)
            }
        );
        assert_eq!(week[1].shape, Shape::Float);
        assert_eq!(week[2].shape, Shape::Optional(Box::new(Shape::Bool)));
        let required: Vec<bool> = week.iter().map(|f| f.required).collect();
        assert_eq!(required, [true, true, false]);
    }
}
