//! Callbacks behind a `&dyn`, for the code written once for all its callers (a tree walk, a
//! filter of indexes, the conflicts of a placement). A `&dyn Fn`'s or `&mut dyn FnMut`'s table
//! holds, besides the call, an `FnOnce::call_once` copy of each closure, which nothing can call
//! through a reference and which stays in the `.wasm` all the same; a `&dyn` of these one-method
//! traits holds only the call. Every closure of the right shape is one (the blanket impls
//! below); its parameters' types are then written at the closure, where a `dyn Fn` inferred
//! them. Several arguments are passed as one tuple.

/// `Fn(A) -> R` behind a `&dyn`, without the `FnOnce` copy.
pub(crate) trait Call<A, R> {
    /// Calls the closure.
    fn call(&self, a: A) -> R;
}

impl<A, R, F: Fn(A) -> R> Call<A, R> for F {
    #[inline]
    fn call(&self, a: A) -> R {
        self(a)
    }
}

/// `FnMut(A) -> R` behind a `&mut dyn`, without the `FnOnce` copy.
pub(crate) trait CallMut<A, R = ()> {
    /// Calls the closure.
    fn call_mut(&mut self, a: A) -> R;
}

impl<A, R, F: FnMut(A) -> R> CallMut<A, R> for F {
    #[inline]
    fn call_mut(&mut self, a: A) -> R {
        self(a)
    }
}
