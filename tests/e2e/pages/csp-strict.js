document.body.dataset.scriptRan = 'yes';
