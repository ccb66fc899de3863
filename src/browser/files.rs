//! Files the user picks or drops: read in the page, sent nowhere.

use wasm_bindgen::JsCast;

/// A file the user chose.
#[derive(Debug, Clone)]
pub(crate) struct PickedFile {
    /// Its name, as the user's system gave it.
    pub name: String,
    /// Its size in bytes.
    pub size: usize,
    file: web_sys::File,
}

impl PickedFile {
    /// Reads the whole file.
    pub(crate) async fn bytes(&self) -> Result<Vec<u8>, String> {
        let buffer = wasm_bindgen_futures::JsFuture::from(self.file.array_buffer())
            .await
            .map_err(|e| {
                e.as_string()
                    .unwrap_or_else(|| "the browser could not read it".into())
            })?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

fn picked(list: Option<web_sys::FileList>) -> Vec<PickedFile> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| PickedFile {
            name: file.name(),
            size: file.size().max(0.0) as usize,
            file,
        })
        .collect()
}

/// The files of a file input's `change` event (and clears the input, so the same file can be
/// chosen again).
pub(crate) fn input_files(ev: &web_sys::Event) -> Vec<PickedFile> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = picked(input.files());
    input.set_value("");
    files
}

/// The files of a `drop` event (and stops the browser from opening them itself).
pub(crate) fn dropped_files(ev: &web_sys::DragEvent) -> Vec<PickedFile> {
    ev.prevent_default();
    picked(ev.data_transfer().and_then(|d| d.files()))
}

/// Lets a `dragover` through as a drop target.
pub(crate) fn allow_drop(ev: &web_sys::DragEvent) {
    ev.prevent_default();
}
