// Entry point of the technician console: renders the app into #app. Nothing is stored in the browser.
import { render } from 'preact';
import { App } from './app';
import 'uplot/dist/uPlot.min.css';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
