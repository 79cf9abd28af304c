"""The rules of the model, one module per part of DESIGN §3. Rules change numbers only through `Tx`."""
