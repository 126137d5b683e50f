"""Streamlit's hello world: the floor the overview's first load is measured against (bench_national)."""

import streamlit as st

st.title("Hello")
st.write("world")
