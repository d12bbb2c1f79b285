// Entry point of the citizen touch UI: renders the app into #app. No storage, no network but the bridge.
import { render } from 'preact';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
