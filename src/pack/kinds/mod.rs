//! Each kind of entity's input (the content file exactly as an operator
//! writes it: unknown fields refused, text as written) and its checks,
//! turning that input into what the kiosk stores, one module per kind.
//! What a kind is in the format (its file, its references) is in
//! `pack::kind`; how it is stored is its table module in `store::content`,
//! so reading a pack stays pure and knows no SQL.

pub mod event;
pub mod exhibitor;
pub mod news;
pub mod park;
pub mod session;
pub mod slide;
pub mod speaker;
pub mod venue;
