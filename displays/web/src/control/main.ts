import '../shared/display.css';
